// The process environment in the shape every stage takes. Its own module so the hook can use it
// without loading anything else from the CLI.

/** process.env without its unset entries. */
export function processEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
