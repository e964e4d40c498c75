// Secrets never leave airlock. This module is the one definition of what a secret looks like in a
// command: passwords in URLs, password options, HTTP credential headers, secret-looking assignments,
// SQL passwords and well-known token shapes. Everything airlock prints, stores, sends to an agent or
// shows as evidence goes through maskSecrets (free text) or maskArgv (one command's argv, where a
// password option and its value are separate words) — both read the same tables below.
//
// Masking replaces only the secret with *** and keeps what says what it was (`-p***`,
// `Authorization: Bearer ***`, `postgres://app:***@db`), so a human can still read the command.
// Values that are shell references (`$PW`, `"${TOKEN}"`) are not secrets themselves and stay.

const MASK = '***';

/** A shell word as a value: quoted (quotes kept), quoted inside a JSON string (\"x\"), or bare. */
const VALUE = String.raw`(?:\\"(?:(?!\\")[^\n])*\\"|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"';&|()<>]+)`;

/** Masks a value, keeping its quotes; a variable reference or an empty value is left alone. */
function maskValue(value: string, keepUser = false): string {
  const q = value[0] === '"' || value[0] === "'" ? value[0] : '';
  const inner = q && value.endsWith(q) && value.length >= 2 ? value.slice(1, -1) : value;
  if (inner === '' || inner === MASK || /^\$\{?\w+\}?$/.test(inner) || inner.startsWith('$(')) return value;
  if (keepUser) {
    // user:password: the user name stays; without a colon the program asks for the password.
    const colon = inner.indexOf(':');
    if (colon < 0) return value;
    const pass = inner.slice(colon + 1);
    if (pass === '' || pass === MASK || /^\$\{?\w+\}?$/.test(pass)) return value;
    return `${q}${inner.slice(0, colon)}:${MASK}${q}`;
  }
  return `${q}${MASK}${q}`;
}

// --- Password options -----------------------------------------------------------------------------

interface PasswordOptions {
  /** The programs (basenames), as a regex alternation. */
  programs: string;
  /** The program's subcommand that takes these options (`docker login -p`, not `docker run -p`). */
  subcommand?: string;
  /** The options, as a regex alternation; short ones also take the value attached (`-pSECRET`). */
  options: string;
  /**
   * Only the attached spelling is a password: `mysql -pSECRET`. mysql's `-p VALUE` prompts for the
   * password and VALUE is the database, which must stay visible (it is evidence of the environment).
   */
  attachedOnly?: boolean;
  /** The value is user:password (curl -u, httpie -a): the user name stays. */
  userColonPassword?: boolean;
}

// Only programs for which the option is a password: `-p` is a port for psql and ssh, `-a` is "all"
// for grep, `-u` is a user for docker and sudo, `-w` a timeout for many.
const MYSQL_FAMILY = 'mysql|mariadb|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck|mysqlslap|mysqlpump|mysqlsh|mariadb-dump|mariadb-admin|mariadb-import|mariadb-show|mariadb-check';
const PASSWORD_OPTIONS: PasswordOptions[] = [
  { programs: MYSQL_FAMILY, options: '-p', attachedOnly: true },
  { programs: 'sshpass', options: '-p' },
  { programs: 'redis-cli|valkey-cli|keydb-cli', options: '-a|--pass|--askpass-value' },
  { programs: 'mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|mongostat|mongotop|mongofiles', options: '-p' },
  { programs: 'cqlsh|rabbitmqadmin', options: '-p' },
  { programs: 'docker|podman|nerdctl|buildah|skopeo|oras|az', subcommand: 'login', options: '-p' },
  { programs: 'ldapsearch|ldapmodify|ldapadd|ldapdelete|ldapwhoami|ldappasswd|ldapcompare|ldapmodrdn', options: '-w' },
  { programs: 'sqlcmd|bcp', options: '-P' },
  // `-fsSu user:pw`: curl's -u may end a cluster of flags.
  { programs: 'curl', options: '-[a-zA-Z]*u|--user|-U|--proxy-user', userColonPassword: true },
  { programs: 'http|https|httpie|xh|xhs', options: '-a|--auth', userColonPassword: true },
];

/**
 * Long options that take a secret for any program: `--password`, `--db-password`, `--api-key`,
 * `--client-secret`, `--access-token`, `--auth`. Not `--password-stdin` or `--token-file` (the name
 * must end there), not `--no-auth` (a switch).
 */
const GENERIC_OPTION = String.raw`--(?!no-|skip-|disable-|without-)(?:[a-z0-9]+-)*(?:password|passwd|pass|token|secret|api-?key|secret-key|access-key)|--(?:basic-|http-|proxy-)?auth`;

/** Programs whose `--password` is a switch (psql: ask for it; mysql: ask, the next word is the database). */
const PASSWORD_SWITCH_PROGRAMS = `psql|pg_dump|pg_dumpall|pg_restore|pg_basebackup|pgbench|createdb|dropdb|createuser|dropuser|vacuumdb|reindexdb|clusterdb|${MYSQL_FAMILY}`;

const PROGRAM_START = String.raw`(?:^|[\s;&|(\x60"'=])(?:[^\s;&|()"'\x60]*/)?`;
const SAME_COMMAND = String.raw`[^\n;&|]*`;

/** How an option of `o` is spelled with its value: short ones attached or apart, long ones apart or after =. */
function spellings(o: PasswordOptions): { attached: string; apart: string; long: string } {
  const all = o.options.split('|');
  return { attached: all.filter((x) => !x.startsWith('--')).join('|'), apart: o.attachedOnly ? '' : o.options, long: all.filter((x) => x.startsWith('--')).join('|') };
}

/** A regex finding an option of `o` and its value in free text, within the same simple command. */
function optionRegex(o: PasswordOptions): RegExp {
  const where = `(?<=${PROGRAM_START}(?:${o.programs})(?![\\w.-])${o.subcommand ? `${SAME_COMMAND}\\s${o.subcommand}(?![\\w.-])` : ''}${SAME_COMMAND}\\s)`;
  const { attached, apart, long } = spellings(o);
  const spelled = [attached && `(?:${attached})(?=[^\\s-])`, apart && `(?:${apart})[ \\t]+`, long && !o.attachedOnly && `(?:${long})=`].filter(Boolean).join('|');
  // `(?=-)` first: the costly look behind is tried only where an option starts.
  return new RegExp(`(?=-)${where}(${spelled})(?!-)(${VALUE})`, 'g');
}

const OPTION_REGEXES = PASSWORD_OPTIONS.map((o) => ({ o, present: new RegExp(`(?:${o.programs})(?![\\w.-])`), re: optionRegex(o) }));
const GENERIC_REGEX = new RegExp(String.raw`(?<=^|[\s"'])(${GENERIC_OPTION})(=|[ \t]+)(?!-)(${VALUE})`, 'g');
const GENERIC_WORD = new RegExp(`^(?:${GENERIC_OPTION})$`);
// The switch programs' commands, where the separated `--password VALUE` is not a password.
const SWITCH_COMMAND = new RegExp(String.raw`${PROGRAM_START}(?:${PASSWORD_SWITCH_PROGRAMS})(?![\w.-])${SAME_COMMAND}`, 'g');
const SWITCH_PROGRAM = new RegExp(`^(?:${PASSWORD_SWITCH_PROGRAMS})$`);

function maskOptions(text: string): string {
  for (const { o, present, re } of OPTION_REGEXES) {
    if (present.test(text)) text = text.replace(re, (_m, option: string, value: string) => `${option}${maskValue(value, o.userColonPassword)}`);
  }
  return maskGenericOptions(text);
}

/** `--password VALUE` and its kin, except where the program reads `--password` as a switch. */
function maskGenericOptions(text: string): string {
  const switchSpans: [number, number][] = [];
  if (/--pass/.test(text)) for (const m of text.matchAll(SWITCH_COMMAND)) switchSpans.push([m.index!, m.index! + m[0].length]);
  return text.replace(GENERIC_REGEX, (m, option: string, sep: string, value: string, at: number) => {
    if (sep !== '=' && /^--pass(?:word|wd)?$/.test(option) && switchSpans.some(([a, b]) => at >= a && at < b)) return m;
    return `${option}${sep}${maskValue(value)}`;
  });
}

// --- Everything else ----------------------------------------------------------------------------

/**
 * Header names that carry credentials: the standard ones, and hyphenated names about keys and tokens
 * (X-Api-Key, X-Auth-Token, Private-Token). A bare `auth:` or `token:` is not a header: commit
 * messages say `auth: fix expiry`.
 */
const HEADER_NAME = String.raw`(?:Proxy-)?Authorization|(?:Set-)?Cookie|Api-?Key|(?=[A-Za-z0-9]*-)[A-Za-z0-9-]*(?:Token|Key|Secret|Auth|Password|Passwd|Session|Signature|Credentials?)[A-Za-z0-9-]*`;
const AUTH_SCHEME = String.raw`(?:Bearer|Basic|Token|Digest|Bot|Negotiate|NTLM|OAuth|ApiKey|SSWS|GenieKey|Splunk|AWS4-HMAC-SHA256)[ \t]+`;
/** `'Authorization: Bearer x'` in quotes: the value runs to the closing quote. */
const HEADER_QUOTED = new RegExp(String.raw`(["'])(${HEADER_NAME})([ \t]*:[ \t]*)(${AUTH_SCHEME})?((?:(?!\1)[^\n])+)`, 'gi');
/** A header that is a whole line or argv word (`Authorization: Bearer x`): the value runs to its end. */
const HEADER_LINE = new RegExp(String.raw`^([ \t]*)(${HEADER_NAME})([ \t]*:[ \t]*)(${AUTH_SCHEME})?([^\n]+)`, 'gim');
/** Unquoted after -H it is one shell word: `-H X-Api-Key:abc`. */
const HEADER_WORD = new RegExp(String.raw`(?<=(?:^|\s)(?:-H|--header)(?:[ \t]+|=))(${HEADER_NAME})(:)([^\s"']+)`, 'gi');

/** Secret keys in JSON, YAML and JS objects: `"password": "x"`, `pwd: 'x'`, a YAML line `token: x`. */
const KEY_NAMES = String.raw`[\w-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|authorization|cookie)[\w-]*`;
const KEY_COLON = new RegExp(String.raw`(?<![\w-])(["']?)(${KEY_NAMES})\1([ \t]*:[ \t]*)("(?:[^"\\\n]|\\.)*"|'[^'\n]*')`, 'gi');
const YAML_LINE = new RegExp(String.raw`^([ \t]*(?:-[ \t]+)?)(${KEY_NAMES})([ \t]*:[ \t]+)([^\s"'#][^\n]*)`, 'gim');

/** `MYSQL_PWD=x`, `export GITHUB_TOKEN=x`, `AWS_SECRET_ACCESS_KEY=x`: names of secrets in capitals. */
const SECRET_ASSIGNMENT = new RegExp(String.raw`(?<![\w$])([A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIALS?)[A-Z0-9_]*|(?:[A-Z0-9]+_)+(?:PWD|PASS|KEY|APIKEY|AUTH)(?:_[A-Z0-9]+)*|(?:PASS|KEY|APIKEY)_[A-Z0-9_]+)=(${VALUE})`, 'g');
/**
 * Lower-case `password=x` in connection strings (`host=db password=x`), query strings (`?token=x`)
 * and `--from-literal=password=x`: only names that say secret. Not a plain `key=value`: sort keys,
 * cache keys and object keys are not secrets.
 */
const SECRET_PARAMETER = new RegExp(String.raw`(?<![\w-])((?:[\w-]+[._])?(?:password|passwd|pwd|secret|client[_-]?secret|token|access[_-]?token|auth[_-]?token|refresh[_-]?token|api[_-]?key|apikey|secret[_-]?key|aws_secret_access_key|aws_session_token))([ \t]*=[ \t]*)(${VALUE})`, 'gi');
/** `aws configure set aws_secret_access_key VALUE`. */
const AWS_CONFIGURE = new RegExp(String.raw`(?<=\baws\s[^\n;&|]*\bconfigure\s+set\s+)(aws_secret_access_key|aws_session_token)([ \t]+)(${VALUE})`, 'g');

/** SQL: `PASSWORD 'x'`, `PASSWORD = 'x'`, `SET PASSWORD FOR u = 'x'`, `IDENTIFIED [WITH plugin] BY 'x'`. */
const SQL_PASSWORD = /\b(PASSWORD(?:[ \t]+FOR[ \t]+\S+)?(?:[ \t]*=[ \t]*(?:PASSWORD[ \t]*)?\(?[ \t]*|[ \t]*\([ \t]*|[ \t]+)|IDENTIFIED(?:[ \t]+WITH[ \t]+\S+)?[ \t]+BY[ \t]+(?:PASSWORD[ \t]+)?)(E?'(?:[^'\n]|'')*'|"[^"\n]*"|\$\$[^\n]*?\$\$)/gi;

/** `scheme://user:password@host` keeps the user. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*):([^\s@/'"]+)@/gi;
/**
 * Over http a lone user part is a token (`https://ghp_x@github.com`, `https://TOKEN@host`). ssh and
 * database URLs name a user (git@, deploy@, postgres://app@db), which stays.
 */
const URL_TOKEN = /\b((?:https?|wss?|ftps?):\/\/)([^\s:/@'"]+)@/gi;

/** Token shapes that are secrets wherever they appear. */
const TOKEN_SHAPES = new RegExp(
  [
    String.raw`(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}`, // Stripe secret and restricted keys
    String.raw`whsec_[A-Za-z0-9]{16,}`, // Stripe webhook secrets
    String.raw`sk-[A-Za-z0-9_-]{20,}`, // OpenAI, Anthropic (sk-proj-…, sk-ant-…)
    String.raw`gh[pousr]_[A-Za-z0-9]{20,}`, // GitHub tokens
    String.raw`github_pat_[A-Za-z0-9_]{20,}`,
    String.raw`xox[abposre]-[A-Za-z0-9-]{10,}`, // Slack
    String.raw`gl(?:pat|ptt|dt|rt|cbt|oas)-[A-Za-z0-9_-]{20,}`, // GitLab
    String.raw`(?:AKIA|ASIA)[A-Z0-9]{16}`, // AWS access key ids
    String.raw`AIza[0-9A-Za-z_-]{35}`, // Google API keys
    String.raw`npm_[A-Za-z0-9]{36}`,
    String.raw`hf_[A-Za-z0-9]{30,}`,
    String.raw`SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}`, // SendGrid
    String.raw`eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*`, // JWTs
  ]
    .map((s) => `(?<![A-Za-z0-9_-])(?:${s})`)
    .join('|'),
  'g',
);
/**
 * An AWS secret access key: 40 characters of base64 in mixed case (so not a git commit hash). Only
 * looked for where an access key id or the key's name is, since alone it is just a long word.
 */
const AWS_SECRET = /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[A-Z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const PEM_PRIVATE_KEY = /(-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----)[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;

/**
 * Most text has nothing secret-looking in it: this one cheap test lets it skip every regex. Each
 * masking rule needs one of these words (a program name, a key word, `@`, a token prefix), so
 * nothing a rule would mask gets past it.
 */
const MAYBE_SECRET = /pass|pwd|secret|token|key|auth|cookie|session|signature|credential|identified|@|curl|http|xh\b|mysql|maria|redis|valkey|keydb|mongo|cqlsh|rabbitmq|login|ldap|sqlcmd|bcp|sk[-_]|rk_|whsec|gh[pousr]_|github_pat|xox|gl[a-z]{1,3}-|AKIA|ASIA|AIza|npm_|hf_|SG\.|eyJ/i;

/** `text` with every secret in it replaced by ***. */
export function maskSecrets(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  let out = text;
  if (out.includes('PRIVATE KEY-----')) out = out.replace(PEM_PRIVATE_KEY, (_m, begin: string, end: string) => `${begin}${MASK}${end}`);
  const header = (lead: string, name: string, sep: string, scheme: string | undefined, value: string) => `${lead}${name}${sep}${scheme ?? ''}${value.trim() === MASK ? value : MASK}`;
  out = out
    .replace(HEADER_QUOTED, (_m, q: string, name: string, sep: string, scheme: string | undefined, value: string) => header(q, name, sep, scheme, value))
    .replace(HEADER_LINE, (_m, lead: string, name: string, sep: string, scheme: string | undefined, value: string) => header(lead, name, sep, scheme, value))
    .replace(HEADER_WORD, (_m, name: string, sep: string, value: string) => header('', name, sep, undefined, value))
    .replace(KEY_COLON, (_m, q: string, name: string, sep: string, value: string) => `${q}${name}${q}${sep}${maskValue(value)}`)
    .replace(YAML_LINE, (m, lead: string, name: string, sep: string, value: string) => (value.includes(MASK) || value.startsWith('$') ? m : `${lead}${name}${sep}${MASK}`))
    .replace(URL_PASSWORD, (m, head: string, pass: string) => (pass === MASK ? m : `${head}:${MASK}@`))
    .replace(URL_TOKEN, (m, scheme: string, user: string) => (user === MASK || /^(git|ssh)$/.test(user) ? m : `${scheme}${MASK}@`))
    .replace(SECRET_ASSIGNMENT, (_m, name: string, value: string) => `${name}=${maskValue(value)}`)
    .replace(SECRET_PARAMETER, (_m, name: string, sep: string, value: string) => `${name}${sep}${maskValue(value)}`)
    .replace(AWS_CONFIGURE, (_m, name: string, sep: string, value: string) => `${name}${sep}${maskValue(value)}`)
    .replace(SQL_PASSWORD, (m, head: string, value: string) => (value.includes(MASK) ? m : `${head}${sqlMasked(value)}`));
  out = maskOptions(out);
  out = out.replace(TOKEN_SHAPES, MASK);
  if (/AKIA|ASIA|aws_secret/i.test(text)) out = out.replace(AWS_SECRET, MASK);
  return out;
}

/** A SQL string literal with its contents masked and its quoting kept. */
function sqlMasked(literal: string): string {
  if (literal.startsWith('$$')) return `$$${MASK}$$`;
  const open = literal.startsWith("E'") ? "E'" : literal[0]!;
  return `${open}${MASK}${literal.slice(-1)}`;
}

const PROGRAM_OPTIONS = PASSWORD_OPTIONS.map((o) => {
  const { attached, apart, long } = spellings(o);
  return {
    o,
    program: new RegExp(`^(?:${o.programs})$`),
    attached: attached ? new RegExp(`^(${attached})(?=[^\\s-])(.+)$`, 's') : null,
    apart: apart ? new RegExp(`^(?:${apart})$`) : null,
    long: long && !o.attachedOnly ? new RegExp(`^(${long})=(.*)$`, 's') : null,
  };
});

/**
 * One command's argv, each word masked: the words maskSecrets can judge alone, and the values of
 * password options given as their own word (`sshpass -p SECRET`, `curl -u user:SECRET`,
 * `--password SECRET`), which only the word before them shows to be secret. What needs more context
 * than one word (an AWS secret beside its key id, `aws configure set aws_secret_access_key X`) is
 * found by masking the whole command line: a word that masking it removes is a secret.
 */
export function maskArgv(argv: readonly string[]): string[] {
  const first = argv[0] ?? '';
  const program = first.slice(first.lastIndexOf('/') + 1).replace(/\.exe$/i, '');
  const own = PROGRAM_OPTIONS.filter((p) => p.program.test(program));
  const switchProgram = SWITCH_PROGRAM.test(program);
  const joined = argv.join(' ');
  const whole = maskSecrets(joined);
  return argv.map((word, i) => {
    const masked = maskSecrets(i === 0 ? word : maskOptionWord(word, argv, i, own, switchProgram));
    return masked === word && whole !== joined && word.length >= 4 && !whole.includes(word) ? MASK : masked;
  });
}

function maskOptionWord(word: string, argv: readonly string[], i: number, own: typeof PROGRAM_OPTIONS, switchProgram: boolean): string {
  const prev = argv[i - 1]!;
  for (const p of own) {
    if (p.o.subcommand && !argv.slice(1, i).includes(p.o.subcommand)) continue;
    if (p.apart?.test(prev) && !word.startsWith('-')) return maskValue(word, p.o.userColonPassword);
    const glued = p.attached?.exec(word) ?? p.long?.exec(word);
    if (glued) return `${glued[1]}${word[glued[1]!.length] === '=' ? '=' : ''}${maskValue(glued[2]!, p.o.userColonPassword)}`;
  }
  if (GENERIC_WORD.test(prev) && !word.startsWith('-') && !(switchProgram && /^--pass(?:word|wd)?$/.test(prev))) return maskValue(word);
  return word;
}
