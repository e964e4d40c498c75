// Asking the human at the terminal. Only commands a person runs import this; the hook never does.

import { createInterface } from 'node:readline/promises';

/** True when stdin and stdout are both terminals, so an agent or a script is not piping the answer in. */
export function humanAtTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

/** One line typed in answer to `question`, trimmed. */
export async function ask(question: string, output: NodeJS.WritableStream = process.stdout): Promise<string> {
  const rl = createInterface({ input: process.stdin, output });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** Whether the human typed the environment's name exactly, as GitHub asks before deleting a repository. */
export async function typedEnvironmentName(environment: string, toDo: string): Promise<boolean> {
  return (await ask(`Type the environment name (${environment}) to ${toDo}: `)) === environment;
}
