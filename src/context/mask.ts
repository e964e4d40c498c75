// Secrets never leave airlock: passwords in URLs, password flags and secret-looking assignments are
// masked in everything airlock prints or stores.

const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*):([^\s@/'"]+)@/gi;
// A flag only where a word starts, so `app-prod` is not read as `-p rod`.
const PASSWORD_FLAG = /(?<=^|[\s"'])(--password[= ]|--pass[= ]|-p(?=["'$A-Za-z0-9])|--token[= ]|--api-key[= ]|--secret[= ])(["']?)([^\s"']+)\2/g;
const SECRET_ASSIGNMENT = /\b([A-Z0-9_]*(?:PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_KEY|ACCESS_KEY|PRIVATE_KEY)[A-Z0-9_]*)=(["']?)([^\s"']+)\2/g;

/** Most text has nothing secret-looking in it; this cheap test skips the three regexes then. */
const MAYBE_SECRET = /@|-p|PASS|SECRET|TOKEN|KEY|--pass|--token|--api-key|--secret/;

export function maskSecrets(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  return text
    .replace(URL_PASSWORD, '$1:***@')
    .replace(SECRET_ASSIGNMENT, (_m, name: string, q: string, value: string) => (value.startsWith('$') ? `${name}=${q}${value}${q}` : `${name}=${q}***${q}`))
    .replace(PASSWORD_FLAG, (_m, flag: string, q: string, value: string) => (value.startsWith('$') || value === '***' ? `${flag}${q}${value}${q}` : `${flag}${q}***${q}`));
}
