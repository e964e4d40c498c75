// A note on HEAD (refs/notes/airlock) in the repository where an approved command ran, so the
// project's own history says what was run, who approved it and how it ended. Written with the system's
// git, hardened as the preflight probe runs it (no repository hooks, filters or fsmonitor run), as
// airlock itself, and appended to any note already there.

import { hardenedGit, systemGitFor } from '../preflight/git.js';

/** The notes ref the notes go to: `git log --notes=airlock` shows them. */
export const NOTES_REF = 'airlock';

/** Inside the deliverer's lease (renewed before each delivery), as a webhook's time limit is. */
const NOTE_TIMEOUT_MS = 15_000;

export async function writeNote(cwd: string, text: string, env: Readonly<Record<string, string>>): Promise<void> {
  const program = await systemGitFor(null, env);
  if (typeof program !== 'string') throw new Error(`no git note was written: ${program.why}`);
  const git = hardenedGit(cwd, NOTE_TIMEOUT_MS, program);
  const signal = AbortSignal.timeout(NOTE_TIMEOUT_MS);
  let top: string;
  try {
    top = (await git(['rev-parse', '--show-toplevel'], signal)).trim();
  } catch {
    throw new Error(`no git note was written: ${cwd} is not in a git repository`);
  }
  // The note commit is airlock's: the user's identity is not read (the hardened git reads no user config).
  const identity = ['-c', 'user.name=airlock', '-c', 'user.email=airlock@localhost'];
  await hardenedGit(top, NOTE_TIMEOUT_MS, program)([...identity, 'notes', `--ref=${NOTES_REF}`, 'append', '-m', text, 'HEAD'], signal);
}
