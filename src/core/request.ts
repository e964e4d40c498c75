// What an agent proposes, as it reaches airlock.

export interface Request {
  /** Shell command text exactly as the agent proposed it. */
  command: string;
  /** Working directory the command would run in; files are read relative to it. */
  cwd?: string;
  /** Environment the command would inherit. */
  env?: Record<string, string>;
}
