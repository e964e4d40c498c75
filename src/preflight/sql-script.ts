// Reading the SQL scripts a schema tool's diff or a migration holds, as far as the preflight probes
// need: where one statement ends and the next begins, and the names in them.

/** A name, quoted as PostgreSQL and SQLite quote it ("…"), as MySQL and SQLite do (`…`), or bare. */
export const IDENT = String.raw`(?:"(?:[^"]|"")+"|\`(?:[^\`]|\`\`)+\`|[A-Za-z_][\w$]*)`;

/** A name as the database reads it: quoted ones as written, bare ones folded to lower case (PostgreSQL's rule; SQLite compares them without case anyway). */
export function unquote(name: string): string {
  if (name.startsWith('"')) return name.slice(1, -1).replace(/""/g, '"');
  if (name.startsWith('`')) return name.slice(1, -1).replace(/``/g, '`');
  return name.toLowerCase();
}

/** The parts of a name such as `"public"."users"`, unquoted. */
export const qualified = (text: string) => [...text.matchAll(new RegExp(IDENT, 'g'))].map((m) => unquote(m[0]));

/** Where the quoted run opening at `i` ends (just past its closing quote; a doubled quote escapes). */
function quotedEnd(script: string, i: number): number {
  const open = script[i]!;
  const dollar = open === '$' ? /^\$([A-Za-z_]\w*)?\$/.exec(script.slice(i, i + 64))?.[0] : undefined;
  if (dollar) {
    const end = script.indexOf(dollar, i + dollar.length);
    return end < 0 ? script.length : end + dollar.length;
  }
  const close = open === '[' ? ']' : open;
  let j = i + 1;
  while (j < script.length) {
    if (script[j] === close && script[j + 1] === close && close !== ']') j += 2;
    else if (script[j] === close) return j + 1;
    else j++;
  }
  return j;
}

/**
 * The statements of a script, split at the semicolons that end them: not at one inside a string, a
 * quoted name, a dollar-quoted body or a comment. Comments are left out; the rest is as written.
 */
export function statementsOf(script: string): string[] {
  const out: string[] = [];
  let current = '';
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
    } else if (c === "'" || c === '"' || c === '`' || c === '[' || (c === '$' && /^\$([A-Za-z_]\w*)?\$/.test(script.slice(i, i + 64)))) {
      const end = quotedEnd(script, i);
      current += script.slice(i, end);
      i = end;
    } else if (c === ';') {
      out.push(current);
      current = '';
      i++;
    } else {
      current += c;
      i++;
    }
  }
  out.push(current);
  return out.map((s) => s.trim()).filter(Boolean);
}
