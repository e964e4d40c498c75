// Reading the SQL scripts a schema tool's diff or a migration holds, as far as the preflight probes
// need: where one statement ends and the next begins, and the names in them.

/** A name, quoted as PostgreSQL and SQLite quote it ("…"), as MySQL and SQLite do (`…`), as SQLite does ([…]), or bare (letters beyond ASCII too). */
export const IDENT = String.raw`(?:"(?:[^"]|"")+"|\`(?:[^\`]|\`\`)+\`|\[[^\]]*\]|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)`;

/** A name as the database reads it: quoted ones as written, bare ones folded to lower case (PostgreSQL's rule; SQLite compares them without case anyway). */
export function unquote(name: string): string {
  if (name.startsWith('"')) return name.slice(1, -1).replace(/""/g, '"');
  if (name.startsWith('`')) return name.slice(1, -1).replace(/``/g, '`');
  if (name.startsWith('[')) return name.slice(1, -1);
  return asciiLower(name);
}

/** Lower case as SQLite folds names: ASCII letters only (`GRÖßE` and `größe` are two columns to it). */
export const asciiLower = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The parts of a name such as `"public"."users"`, unquoted. */
export const qualified = (text: string) => [...text.matchAll(new RegExp(IDENT, 'g'))].map((m) => unquote(m[0]));

/** Where the quoted run opening at `i` ends (just past its closing quote; a doubled quote escapes). */
function quotedEnd(script: string, i: number): number {
  const close = script[i] === '[' ? ']' : script[i]!;
  let j = i + 1;
  while (j < script.length) {
    if (script[j] === close && script[j + 1] === close && close !== ']') j += 2;
    else if (script[j] === close) return j + 1;
    else j++;
  }
  return j;
}

const TRIGGER = /^\s*CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?TRIGGER\b[\s\S]*\bBEGIN\b/i;

/**
 * The statements of a script, split at the semicolons that end them: not at one inside a string, a
 * quoted name, a comment or a trigger's BEGIN … END body. Comments are left out; the rest is as written.
 * No dollar quoting: in SQLite `$a$` is a parameter. A PostgreSQL body is split in pieces, which only
 * the names read here see; the SQL classifier reads a PostgreSQL script whole.
 */
export function statementsOf(script: string): string[] {
  const out: string[] = [];
  let current = '';
  // Whether the statement is a trigger with a body, decided at its first semicolon (its BEGIN comes before).
  let trigger: boolean | undefined;
  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end;
    } else if (c === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      // A comment stands between words as a space would.
      current += ' ';
      i = end < 0 ? script.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      const end = quotedEnd(script, i);
      current += script.slice(i, end);
      i = end;
    } else if (c === ';' && (trigger ??= TRIGGER.test(current)) && !/\bEND$/i.test(current.slice(-64).trimEnd())) {
      // Inside a trigger's body: its statements end with `;` too, and the trigger with `END;`.
      current += c;
      i++;
    } else if (c === ';') {
      out.push(current);
      current = '';
      trigger = undefined;
      i++;
    } else {
      current += c;
      i++;
    }
  }
  out.push(current);
  return out.map((s) => s.trim()).filter(Boolean);
}
