// A second anchor outside the state directory: one line per checkpoint (time, newest entry's number and
// hash) in a file the user chooses. The head anchor beside the log can be deleted or rewritten along
// with the log by anything that can write the state directory; a checkpoint kept somewhere else (another
// machine, a synced folder, a repository that is pushed, paper) still says what the log held then.

import { appendFileSync, readFileSync } from 'node:fs';
import { isCount, isObject, isOptionalString, parseJson } from '../core/shape.js';

export interface Checkpoint {
  at: number;
  seq: number;
  hash: string;
}

export function checkpointLine(c: Checkpoint): string {
  return `${JSON.stringify({ at: new Date(c.at).toISOString(), seq: c.seq, hash: c.hash })}\n`;
}

export function appendCheckpoint(file: string, c: Checkpoint): void {
  appendFileSync(file, checkpointLine(c), { mode: 0o600 });
}

/** The checkpoints in a file, each with its line number; lines that are not checkpoints are reported, not skipped. */
export function readCheckpoints(text: string): { line: number; checkpoint?: Checkpoint; error?: string }[] {
  const out: { line: number; checkpoint?: Checkpoint; error?: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    const v = parseJson(raw);
    // As checkpointLine writes it: an entry's number and hash, and when (ISO text; an unreadable time is shown as unknown).
    if (isObject(v) && isCount(v.seq) && v.seq > 0 && typeof v.hash === 'string' && /^[0-9a-f]{64}$/.test(v.hash) && isOptionalString(v.at))
      out.push({ line: i + 1, checkpoint: { at: Date.parse(v.at ?? '') || 0, seq: v.seq, hash: v.hash } });
    else out.push({ line: i + 1, error: 'is not a checkpoint line' });
  });
  return out;
}

/** What the log contradicts in the checkpoint file: entries it no longer holds, or holds changed. */
export function checkAgainst(file: string, text: string, hashAt: (seq: number) => string | undefined): string[] {
  const problems: string[] = [];
  const lines = readCheckpoints(text);
  // An anchor with nothing in it checks nothing; saying "intact" would claim more than was checked.
  if (lines.length === 0) problems.push(`the checkpoint file ${file} holds no checkpoints (write one with \`airlock checkpoint --to ${file}\`)`);
  for (const { line, checkpoint, error } of lines) {
    if (error || !checkpoint) {
      problems.push(`${file}:${line} ${error}`);
      continue;
    }
    const hash = hashAt(checkpoint.seq);
    const when = checkpoint.at ? new Date(checkpoint.at).toISOString() : 'an unknown time';
    if (hash === undefined) problems.push(`the checkpoint at ${file}:${line} (${when}) saw entry ${checkpoint.seq}, which the log no longer holds`);
    else if (hash !== checkpoint.hash) problems.push(`the checkpoint at ${file}:${line} (${when}) saw a different entry ${checkpoint.seq}: the log was rewritten since`);
  }
  return problems;
}

export function readCheckpointFile(file: string): string {
  return readFileSync(file, 'utf8');
}
