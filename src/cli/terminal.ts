// Asking the human at the terminal. Only commands a person runs import this; the hook never does.

import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';

/**
 * True when stdin and stdout are both terminals, so an agent or a script is not piping the answer in,
 * and no agent program is among this process's ancestors: a terminal an agent opened (a pseudo-terminal
 * its code made to type at `airlock approve`) is the agent's, not the human's. When one is, says so on
 * stderr. Code that detaches itself from the agent first is not seen here; the hook holds the scripts
 * that drive terminals with programs it can't read (analyze/interpreters.ts).
 */
export function humanAtTerminal(): boolean {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return false;
  const agent = agentAbove();
  if (agent) process.stderr.write(`airlock: this terminal runs inside ${agent}; a terminal an agent runs is not the human's own.\n`);
  return agent === null;
}

/** Agent programs, by the name their process has or the package their command line runs. */
const AGENT_PROCESS =
  /^(?:claude|codex|gemini|cursor-agent|copilot|opencode|windsurf)$|(?:^|\/)(?:claude|codex|gemini|cursor-agent|copilot|opencode)(?:\s|$)|@anthropic-ai\/claude-code|@openai\/codex|@google\/gemini-cli|@github\/copilot|opencode-ai/;

/** The first agent program among this process's ancestors, as `name (pid N)`; null when there is none, or no /proc to ask. */
export function agentAbove(): string | null {
  let pid = process.ppid;
  for (let depth = 0; depth < 64 && pid > 1; depth++) {
    let stat: string;
    let commandLine: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    } catch {
      return null;
    }
    // `pid (comm) state ppid …`: the name may hold spaces and parentheses, so it ends at the last ')'.
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    if (AGENT_PROCESS.test(name) || AGENT_PROCESS.test(commandLine)) return `${name} (pid ${pid})`;
    pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  }
  return null;
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
