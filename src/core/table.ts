// Lookup tables keyed by words from a command (program names, subcommands, options, variable and
// script names). A plain object answers `constructor`, `toString` or `__proto__` from
// Object.prototype, so a program named `toString` would read a function as its wrapper spec. These
// tables have no prototype: a key is there only if it was put there.

/** A frozen table with no prototype, holding exactly `entries`. */
export function table<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** An empty table with no prototype, to fill from a command's own words (`__proto__=x` stays a variable). */
export function emptyTable<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
