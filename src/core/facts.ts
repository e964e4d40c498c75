// What the analysis may need from outside itself, and what it was given. The engine never reads the
// disk: it asks, through a port, or says what it still needs so the runtime can gather it and run again.

import type { FileRead, PreflightFacts } from './finding.js';

/** One fact the analysis needs and could not get at once. */
export type Need =
  /** The bytes of an absolute path, or that there is no file there. */
  | { kind: 'file'; path: string }
  /** Where an absolute path leads with symlinks followed, as far as it exists. */
  | { kind: 'realpath'; path: string }
  /** What is at an absolute path itself (symlinks not followed): see PathEntry. */
  | { kind: 'entry'; path: string }
  /** The Postgres parser: until it is loaded, SQL is judged by the tokenizer. */
  | { kind: 'sql-parser' };

export function needKey(need: Need): string {
  return need.kind === 'sql-parser' ? need.kind : `${need.kind}:${need.path}`;
}

/**
 * Facts gathered so far for one request, kept as data so they can travel (to a team server that can't
 * read the agent's disk) and be summarised into the audit entry.
 */
export interface FactSnapshot {
  /** Absolute path → its bytes, or null when there is no regular file; `unread` when one is there but was not read. */
  files: Map<string, Uint8Array | null | 'unread'>;
  realpaths: Map<string, string | null>;
  entries: Map<string, PathEntry>;
}

/**
 * What is at a path, as lstat sees it: nothing, a directory, a symlink (to a directory or to something
 * else), or anything else. A path that is no link has its folder's real path with its own name added,
 * so only links need their real path asked for.
 */
export type PathEntry = 'missing' | 'directory' | 'other' | 'link' | 'directory-link';

export function emptySnapshot(): FactSnapshot {
  return { files: new Map(), realpaths: new Map(), entries: new Map() };
}

/** What a decision rested on, in a form that can be stored: summarised into audit entries and approval requests. */
export interface FactsUsed {
  /** How many times the analysis ran before it had everything it needed. */
  rounds: number;
  /** Which SQL parser judged SQL, when there was any. */
  sqlParser?: 'libpg-query' | 'tokenizer';
  /** Files the analysis read (scripts, SQL files, package.json), by path, with whether each was there. */
  files: { path: string; present: boolean; unread?: true }[];
  /** For each directory a finding runs in: the files whose contents set its environment (.env, kubeconfig…). */
  surroundings: { dir: string | null; files: string[] }[];
  /** Needs still open when the rounds or the time ran out. */
  missing?: string[];
  /** What the real tools said about the findings about to be held (src/preflight/), by rule. */
  preflight?: ({ rule: string } & PreflightFacts)[];
}

export function summariseReads(reads: readonly FileRead[]): FactsUsed['files'] {
  return reads.map((r) => ({ path: r.path, present: r.bytes !== null || r.unread === true, ...(r.unread ? { unread: true as const } : {}) }));
}
