// What a command does to data, and how much that matters.

/** What a command does to data: the order is the order of concern. */
export type Effect = 'read' | 'write' | 'destroy' | 'unknown';
export type Severity = 'low' | 'medium' | 'high' | 'critical';

const RANK: Record<Effect, number> = { read: 0, write: 1, unknown: 2, destroy: 3 };

/** An effect airlock writes (one read back from the state may be anything). */
export const isEffect = (v: unknown): v is Effect => typeof v === 'string' && Object.hasOwn(RANK, v);

/** Order of concern: read < write < unknown < destroy. */
export function rank(effect: Effect): number {
  return RANK[effect];
}

export function strongest(effects: Effect[]): Effect {
  let best: Effect = 'read';
  for (const e of effects) if (RANK[e] > RANK[best]) best = e;
  return best;
}
