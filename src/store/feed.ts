// Following the outbox: what every backend's feed shares. A subscriber reads what was committed after
// its position, then waits for a doorbell (rung when something commits: in this process directly, or
// from another through a file watch) or a slow safety poll, and stops as soon as its signal aborts.

import type { Delivered } from './store.js';

/** Remembers a ring until the next wait, so a commit between a read and the wait is never missed. */
export class Doorbell {
  private rung = false;
  private waiter: (() => void) | null = null;

  ring(): void {
    this.rung = true;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }

  /** Resolves at the next ring (at once if it rang since the last wait), after `pollMs`, or when `signal` aborts. */
  async wait(signal: AbortSignal, pollMs?: number): Promise<void> {
    if (!this.rung && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          this.waiter = null;
          resolve();
        };
        // Not unref'd: a process waiting for an approval stays alive while it waits, until its signal ends it.
        const timer = pollMs === undefined ? undefined : setTimeout(done, pollMs);
        signal.addEventListener('abort', done, { once: true });
        this.waiter = done;
      });
    }
    this.rung = false;
  }
}

export interface OutboxSource {
  /** The newest position in the outbox (0 when it is empty). */
  last(): Promise<number>;
  /** What was committed after `position`, in order. */
  after(position: number): Promise<Delivered[]>;
}

/**
 * The events after `after` (or after now), in order, until `signal` aborts. `bell` must be rung on every
 * commit from before this is called; the starting place is fixed before it returns.
 */
export async function follow(source: OutboxSource, bell: Doorbell, options: { signal: AbortSignal; after?: number; pollMs?: number; end?: () => void }): Promise<AsyncIterable<Delivered>> {
  // Whatever watches for commits is let go when the subscriber stops, or its signal aborts, whichever is first.
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    options.signal.removeEventListener('abort', end);
    options.end?.();
  };
  options.signal.addEventListener('abort', end, { once: true });
  if (options.signal.aborted) end();
  try {
    const start = options.after ?? (await source.last());
    return deliveries(source, bell, start, options.signal, options.pollMs, end);
  } catch (error) {
    end();
    throw error;
  }
}

async function* deliveries(source: OutboxSource, bell: Doorbell, start: number, signal: AbortSignal, pollMs: number | undefined, end: () => void): AsyncGenerator<Delivered> {
  let position = start;
  try {
    while (!signal.aborted) {
      for (const delivered of await source.after(position)) {
        if (signal.aborted) return;
        position = delivered.position;
        yield delivered;
      }
      await bell.wait(signal, pollMs);
    }
  } finally {
    end();
  }
}
