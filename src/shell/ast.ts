// The syntax tree of a bash script, as far as airlock needs it to know what would run.

/** One piece of a word, before expansion. `quoted` parts are immune to globbing, braces and tildes. */
export type Part =
  | { kind: 'lit'; text: string; quoted: boolean }
  /** `$name`, `${name}`, `${name:-word}`…; `inner` holds the parts of any nested word (it may run commands). */
  | { kind: 'param'; name: string; op: string; inner: Part[]; quoted: boolean }
  | { kind: 'cmdsub'; body: List; quoted: boolean; source: string }
  | { kind: 'arith'; inner: Part[]; quoted: boolean }
  | { kind: 'procsub'; direction: '<' | '>'; body: List; source: string };

export interface Word {
  parts: Part[];
  /** The word's text exactly as written, for messages. */
  source: string;
}

export interface Redirect {
  /** `<` `>` `>>` `>|` `<>` `<<` `<<-` `<<<` `<&` `>&` `&>` `&>>` */
  op: string;
  /** The file descriptor written before the operator, if any (`2>`). */
  fd: number | null;
  target: Word;
  /** For `<<` and `<<-`: the body, as parts (literal when the delimiter was quoted). */
  heredoc?: { parts: Part[]; quoted: boolean; delimiter: string };
}

export interface Assignment {
  name: string;
  /** `+=` appends rather than replaces. */
  append: boolean;
  value: Word;
  /** `a=(x y z)` */
  array?: Word[];
}

export type Command =
  | { type: 'simple'; assigns: Assignment[]; words: Word[]; redirects: Redirect[]; source: string }
  | { type: 'subshell'; body: List; redirects: Redirect[] }
  | { type: 'group'; body: List; redirects: Redirect[] }
  | { type: 'if'; clauses: { condition: List; body: List }[]; otherwise: List | null; redirects: Redirect[] }
  | { type: 'loop'; until: boolean; condition: List; body: List; redirects: Redirect[] }
  | { type: 'for'; variable: string; items: Word[] | null; header: Word | null; body: List; redirects: Redirect[] }
  | { type: 'case'; subject: Word; arms: { patterns: Word[]; body: List }[]; redirects: Redirect[] }
  | { type: 'function'; name: string; body: Command }
  | { type: 'arith'; expression: Word; redirects: Redirect[] }
  | { type: 'test'; words: Word[]; redirects: Redirect[] };

export interface Pipeline {
  commands: Command[];
  negated: boolean;
}

/** Pipelines joined by `&&` / `||`, run in the foreground or, with `&`, in the background. */
export interface Statement {
  pipelines: Pipeline[];
  operators: ('&&' | '||')[];
  background: boolean;
}

export type List = Statement[];

export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

/** Raised when the input exceeds an analysis budget; the caller turns it into an `unknown` effect. */
export class BudgetExceeded extends Error {
  constructor(readonly budget: string) {
    super(`analysis budget exceeded: ${budget}`);
    this.name = 'BudgetExceeded';
  }
}
