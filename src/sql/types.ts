import type { Effect } from '../core/effect.js';

export type Dialect = 'postgres' | 'mysql' | 'sqlite' | 'generic';

export interface SqlStatement {
  effect: Effect;
  /** One line saying what the statement does (`DELETE FROM users with no WHERE`). */
  summary: string;
}

export interface SqlAssessment {
  /** The strongest effect over the statements that take effect (a rolled-back transaction does not). */
  effect: Effect;
  statements: SqlStatement[];
  /** Which parser produced it. `tokenizer` is also the fallback when the real parser rejects the text. */
  parser: 'libpg-query' | 'tokenizer';
  /** Why the real parser rejected the text, when it did. */
  parseError?: string;
}
