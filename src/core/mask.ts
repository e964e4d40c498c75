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

/**
 * A table built the first time it is used: most text has nothing secret-looking in it (the first look
 * below), and most hooks never get past that, so they don't pay for compiling these at start-up.
 */
function lazily<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/**
 * A shell word as a value: quoted inside a JSON string (\"x\"), or a word made of quoted parts, ANSI-C
 * quoted parts ($'a\tb'), backslash escapes (`a\ b`) and bare characters, run together as the shell does.
 */
const VALUE = String.raw`(?:\\"(?:(?!\\")[^\n])*\\"|(?:"(?:[^"\\\n]|\\.)*"|\$'(?:[^'\\\n]|\\.)*'|'[^'\n]*'|\\[^\n]|(?!\$')[^\s"'\\;&|()<>])+)`;

/** How a value holds its secret: all of it, or the part after a user name, a key or a prefix. */
type ValueForm = 'secret' | 'user:password' | 'user,password' | 'user%password' | 'key=secret' | 'helm-values' | 'cookies' | 'pass:';

/** A variable reference or a command substitution is not a secret itself. */
const isReference = (value: string) => /^\$\{?\w+\}?$/.test(value) || value.startsWith('$(');

/** `--set` key paths of helm values that hold secrets: `auth.rootPassword`, `apiKey`, `db.pass`. */
const HELM_SECRET_KEY = /(?:password|passwd|pass|secret|token|key)$/i;

/** Masks a value, keeping its quotes (also JSON-escaped ones); a variable reference or an empty value is left alone. */
function maskValue(value: string, form: ValueForm = 'secret'): string {
  if (value.length >= 4 && value.startsWith('\\"') && value.endsWith('\\"')) return `\\"${maskInner(value.slice(2, -2), form)}\\"`;
  const q = value[0] === '"' || value[0] === "'" ? value[0] : '';
  if (q && value.endsWith(q) && value.length >= 2) return `${q}${maskInner(value.slice(1, -1), form)}${q}`;
  return maskInner(value, form);
}

function maskInner(inner: string, form: ValueForm): string {
  if (inner === '' || inner === MASK || isReference(inner)) return inner;
  switch (form) {
    case 'user:password':
    case 'user,password':
    case 'user%password': {
      // The user name stays; without a separator the program asks for the password.
      const sep = form[4]!;
      const at = inner.indexOf(sep);
      if (at < 0) return inner;
      const user = inner.slice(0, at);
      const pass = inner.slice(at + 1);
      // `curl -u TOKEN:`: a user with an empty password is a token (Stripe, many APIs).
      if (pass === '') return sep === ':' && user !== '' && user !== MASK && !isReference(user) ? `${MASK}:` : inner;
      return pass === MASK || isReference(pass) ? inner : `${user}${sep}${MASK}`;
    }
    case 'key=secret': {
      // `--from-literal=KEY=VALUE`: whatever the key, the value is a secret.
      const at = inner.indexOf('=');
      return at < 0 ? MASK : `${inner.slice(0, at)}=${maskInner(inner.slice(at + 1), 'secret')}`;
    }
    case 'helm-values':
      return inner
        .split(',')
        .map((pair) => {
          const at = pair.indexOf('=');
          return at > 0 && HELM_SECRET_KEY.test(pair.slice(0, at)) ? `${pair.slice(0, at)}=${maskInner(pair.slice(at + 1), 'secret')}` : pair;
        })
        .join(',');
    case 'cookies':
      // `-b name=value; other=value`; a value without `=` is a cookie jar file.
      if (!inner.includes('=')) return inner;
      return inner
        .split(';')
        .map((cookie) => {
          const at = cookie.indexOf('=');
          return at < 0 ? cookie : `${cookie.slice(0, at)}=${maskInner(cookie.slice(at + 1), 'secret')}`;
        })
        .join(';');
    case 'pass:':
      // openssl's `pass:SECRET`; `env:VAR`, `file:PATH`, `fd:N` and `stdin` only say where it is.
      return inner.startsWith('pass:') ? `pass:${maskInner(inner.slice(5), 'secret')}` : inner;
    default:
      return MASK;
  }
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
  /** Only the separate spelling: openssl's options are single-dash words (`-k` is not `-keyform`). */
  apartOnly?: boolean;
  /** What in the value is secret (default: all of it); `user:password` keeps the user name (curl -u, httpie -a). */
  value?: ValueForm;
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
  { programs: 'curl', options: '-[a-zA-Z]*u|--user|-U|--proxy-user', value: 'user:password' },
  { programs: 'curl', options: '-b|--cookie', value: 'cookies' },
  { programs: 'http|https|httpie|xh|xhs', options: '-a|--auth', value: 'user:password' },
  { programs: 'lftp', options: '-u|--user', value: 'user,password' },
  { programs: 'smbclient|rpcclient|smbcacls|smbget|smbmap|smbtree', options: '-U|--user', value: 'user%password' },
  // Commands whose value is a secret being stored.
  { programs: 'gh', subcommand: 'secret', options: '-b|--body' },
  { programs: 'aws', subcommand: 'secretsmanager', options: '--secret-string' },
  { programs: 'aws', subcommand: 'put-parameter', options: '--value' },
  { programs: 'kubectl|oc', subcommand: 'secret', options: '--from-literal', value: 'key=secret' },
  { programs: 'helm', options: '--set|--set-string', value: 'helm-values' },
  // Client properties given as key=value (`-X sasl.password=…`, rpk's `-X pass=…`): the secret-named keys, as helm's.
  { programs: 'kcat|kafkacat|rpk', options: '-X|--config-opt', value: 'helm-values' },
  { programs: 'pulsar-admin|pulsarctl|pulsar-client|pulsar-perf', options: '--auth-params' },
  // jenkins-cli.jar's single-dash `-auth user:apitoken` (`-auth @file` names a file).
  { programs: 'java|jenkins-cli', options: '-auth', apartOnly: true, value: 'user:password' },
  // Passwords of encryption and archive programs, and of new system users (a hash, still a secret).
  { programs: 'openssl', options: '-k', apartOnly: true },
  { programs: 'openssl', options: '-pass|-passin|-passout', apartOnly: true, value: 'pass:' },
  { programs: 'zip|unzip|zipcloak', options: '-P' },
  { programs: '7z|7za|7zr|7zz', options: '-p', attachedOnly: true },
  { programs: 'useradd|usermod|adduser', options: '-p' },
];

/**
 * Secrets given as plain words after a word that announces them: `vault login TOKEN`, `mysqladmin
 * password NEW`, `redis-cli AUTH [user] PASSWORD`, `npm config set //host/:_authToken TOKEN`, `rclone
 * config create r s3 secret_access_key KEY`, `htpasswd -b FILE USER PASSWORD`, csh's `setenv NAME VALUE`.
 */
interface PositionalSecret {
  programs: string;
  /** The word before, as a regex of a whole word. */
  after: string;
  /** How many other words come between it and the secret (`htpasswd -b FILE USER PASSWORD`: 2). */
  skip?: number;
  /** Every word from there on is secret (`AUTH user password`). */
  rest?: boolean;
  /** Words that are neither: options, and for vault the `key=value` pairs of an auth method. */
  ignore?: string;
}

/**
 * Long options that take a secret for any program: `--password`, `--db-password`, `--api-key`,
 * `--client-secret`, `--access-token`, `--auth`. Not `--password-stdin` or `--token-file` (the name
 * must end there), not `--no-auth` (a switch).
 */
const GENERIC_OPTION = String.raw`--(?!no-|skip-|disable-|without-)(?:[a-z0-9]+-)*(?:password|passwd|pass|passphrase|token|secret|api-?key|secret-key|access-key|bearer)|--(?:basic-|http-|proxy-)?auth`;

/** Programs whose `--password` is a switch (psql: ask for it; mysql: ask, the next word is the database). */
const PASSWORD_SWITCH_PROGRAMS = `psql|pg_dump|pg_dumpall|pg_restore|pg_basebackup|pgbench|createdb|dropdb|createuser|dropuser|vacuumdb|reindexdb|clusterdb|${MYSQL_FAMILY}`;

const PROGRAM_START = String.raw`(?:^|[\s;&|(\x60"'=])(?:[^\s;&|()"'\x60]*/)?`;
const SAME_COMMAND = String.raw`[^\n;&|]*`;
/** The rest of a simple command, read going forward: quoted parts may hold `;`, `&` and `|` (a stray quote is a character). */
const REST_OF_COMMAND = String.raw`(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\n;&|])*`;

/** How an option of `o` is spelled with its value: short ones attached or apart, long ones apart or after =. */
function spellings(o: PasswordOptions): { attached: string; apart: string; long: string } {
  const all = o.options.split('|');
  return { attached: o.apartOnly ? '' : all.filter((x) => !x.startsWith('--')).join('|'), apart: o.attachedOnly ? '' : o.options, long: all.filter((x) => x.startsWith('--')).join('|') };
}

/**
 * Regexes finding the options of `o` in free text: its commands (the program and the rest of its simple
 * command, found going forward: a look-behind over the command at every option would cost the square
 * of the text's length), then in them, after the subcommand if it has one, each option and its value.
 */
function optionRegexes(o: PasswordOptions) {
  const { attached, apart, long } = spellings(o);
  const spelled = [attached && `(?:${attached})(?=[^\\s-])`, apart && `(?:${apart})[ \\t]+`, long && !o.attachedOnly && `(?:${long})=`].filter(Boolean).join('|');
  return {
    o,
    present: new RegExp(`(?:${o.programs})(?![\\w.-])`),
    command: new RegExp(String.raw`(${PROGRAM_START}(?:${o.programs})(?![\w.-]))(${REST_OF_COMMAND})`, 'g'),
    subcommand: o.subcommand ? new RegExp(String.raw`\s${o.subcommand}(?![\w.-])`) : null,
    option: new RegExp(`(?<=\\s)(${spelled})(?!-)(${VALUE})`, 'g'),
  };
}

const OPTION_REGEXES = lazily(() => PASSWORD_OPTIONS.map(optionRegexes));
const GENERIC_REGEX = lazily(() => new RegExp(String.raw`(?<=^|[\s"'])(${GENERIC_OPTION})(=|[ \t]+)(?!-)(${VALUE})`, 'g'));
const GENERIC_WORD = lazily(() => new RegExp(`^(?:${GENERIC_OPTION})$`));
// The switch programs' commands, where the separated `--password VALUE` is not a password.
const SWITCH_COMMAND = lazily(() => new RegExp(String.raw`${PROGRAM_START}(?:${PASSWORD_SWITCH_PROGRAMS})(?![\w.-])${SAME_COMMAND}`, 'g'));
const SWITCH_PROGRAM = lazily(() => new RegExp(`^(?:${PASSWORD_SWITCH_PROGRAMS})$`));

const MYSQL_ADMIN = 'mysqladmin|mariadb-admin';
const POSITIONAL_SECRETS: PositionalSecret[] = [
  { programs: 'vault|bao', after: 'login', ignore: String.raw`-\S*|[^\s=]+=\S*` },
  { programs: MYSQL_ADMIN, after: 'password' },
  { programs: 'redis-cli|valkey-cli|keydb-cli', after: '[Aa][Uu][Tt][Hh]', rest: true },
  { programs: 'npm|pnpm|yarn', after: String.raw`\S*:(?:_authToken|_auth|_password)|(?:_authToken|_auth|_password)` },
  { programs: 'rclone', after: String.raw`\w*(?:secret|pass|password|token)\w*|\w*_key|key` },
  { programs: 'htpasswd', after: '-(?![a-zA-Z]*n)[a-zA-Z]*b[a-zA-Z]*', skip: 2 },
  { programs: 'htpasswd', after: '-(?=[a-zA-Z]*n)[a-zA-Z]*b[a-zA-Z]*', skip: 1 },
  { programs: 'rabbitmqctl', after: 'add_user|change_password', skip: 1 },
];

/**
 * Each positional secret's commands in free text: the program and the rest of its simple command,
 * found going forward (a look-behind over the whole command at every position would cost the square
 * of the text's length).
 */
const POSITIONAL_REGEXES = lazily(() =>
  POSITIONAL_SECRETS.map((p) => ({
    p,
    present: new RegExp(String.raw`(?:${p.programs})(?![\w.-])`),
    command: new RegExp(String.raw`(${PROGRAM_START}(?:${p.programs})(?![\w.-]))(${REST_OF_COMMAND})`, 'g'),
    after: new RegExp(`^(?:${p.after})$`),
    ignore: new RegExp(`^(?:${p.ignore ?? String.raw`-\S*`})$`),
  })),
);
const SHELL_TOKEN = lazily(() => new RegExp(String.raw`\s+|${VALUE}|[\s\S]`, 'g'));

/** The words of one command (`rest`, after its program) with the secret words of `p` masked. */
function maskPositional(rest: string, { p, after, ignore }: ReturnType<typeof POSITIONAL_REGEXES>[number]): string {
  const tokens = rest.match(SHELL_TOKEN()) ?? [];
  const isWord = (t: string) => !/^\s/.test(t);
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i]!) || !after.test(tokens[i]!)) continue;
    let skip = p.skip ?? 0;
    for (let j = i + 1; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (!isWord(t) || ignore.test(t) || t.startsWith('-')) continue;
      if (skip-- > 0) continue;
      tokens[j] = maskValue(t);
      if (!p.rest) break;
    }
  }
  return tokens.join('');
}

/** Any program of the tables above: most text names none, and is spared a look for each one. */
const ANY_OPTION_PROGRAM = lazily(() => new RegExp(String.raw`(?:${PASSWORD_OPTIONS.map((o) => o.programs).join('|')})(?![\w.-])`));
const ANY_POSITIONAL_PROGRAM = lazily(() => new RegExp(String.raw`(?:${POSITIONAL_SECRETS.map((p) => p.programs).join('|')})(?![\w.-])`));

function maskOptions(text: string): string {
  if (ANY_OPTION_PROGRAM().test(text)) text = maskProgramOptions(text);
  if (ANY_POSITIONAL_PROGRAM().test(text)) text = maskPositionals(text);
  return maskGenericOptions(text);
}

function maskProgramOptions(text: string): string {
  for (const { o, present, command, subcommand, option } of OPTION_REGEXES()) {
    if (!present.test(text)) continue;
    const inOptions = (words: string) => words.replace(option, (_m, spelled: string, value: string) => `${spelled}${maskValue(value, o.value)}`);
    text = text.replace(command, (_m, head: string, rest: string) => {
      if (!subcommand) return `${head}${inOptions(rest)}`;
      const at = subcommand.exec(rest);
      return at ? `${head}${rest.slice(0, at.index)}${inOptions(rest.slice(at.index))}` : `${head}${rest}`;
    });
  }
  return text;
}

function maskPositionals(text: string): string {
  for (const positional of POSITIONAL_REGEXES()) {
    if (positional.present.test(text)) text = text.replace(positional.command, (_m, head: string, rest: string) => `${head}${maskPositional(rest, positional)}`);
  }
  return text;
}

/** `--password VALUE` and its kin, except where the program reads `--password` as a switch. */
function maskGenericOptions(text: string): string {
  if (!text.includes('--')) return text;
  const switchSpans: [number, number][] = [];
  if (/--pass/.test(text)) for (const m of text.matchAll(SWITCH_COMMAND())) switchSpans.push([m.index!, m.index! + m[0].length]);
  return text.replace(GENERIC_REGEX(), (m, option: string, sep: string, value: string, at: number) => {
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
/**
 * `'Authorization: Bearer x'` in quotes: the value runs to the closing quote, and on past it when the
 * word goes on (`"Authorization: Bearer "TOKEN`).
 */
const HEADER_QUOTED = lazily(() => new RegExp(String.raw`(["'])(${HEADER_NAME})([ \t]*:[ \t]*)(${AUTH_SCHEME})?((?:(?!\1)[^\n])*)(\1?)((?:[^\s"'\\;&|()<>]|\\.)*)`, 'gi'));
/**
 * A header that is a whole line or argv word (`Authorization: Bearer x`), or the value of a setting
 * (`http.extraHeader=Authorization: Bearer x`): the value runs to its end.
 */
const HEADER_LINE = lazily(() => new RegExp(String.raw`^([ \t]*(?:[\w.-]+=)?)(${HEADER_NAME})([ \t]*:[ \t]*)(${AUTH_SCHEME})?([^\n]+)`, 'gim'));
/** Unquoted after -H it is one shell word, escaped spaces and all: `-H X-Api-Key:abc`, `-H Authorization:\ Bearer\ x`. */
const HEADER_WORD = lazily(() => new RegExp(String.raw`(?<=(?:^|\s)(?:-H|--header)(?:[ \t]+|=))(${HEADER_NAME})(:)((?:[^\s"'\\]|\\.)+)`, 'gi'));
/** httpie and xh take headers as items: `http DELETE URL X-Api-Key:abc`. Their commands, then the items in them. */
const HTTPIE_COMMAND = lazily(() => new RegExp(String.raw`(${PROGRAM_START}(?:http|https|httpie|xh|xhs)(?=[ \t]))(${REST_OF_COMMAND})`, 'g'));
const HTTPIE_HEADER = lazily(() => new RegExp(String.raw`(?<=\s)(${HEADER_NAME})(:)((?:[^\s"'\\]|\\.)+)`, 'gi'));

/**
 * Secret keys in JSON, YAML and JS objects: `"password": "x"`, `pwd: 'x'`, a YAML line `token: x`.
 * Short names only whole or after a separator (`pass`, `db_pass`, `creds`: not `bypass`, `compass`).
 */
const KEY_NAMES = String.raw`[\w-]*(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|authorization|cookie)[\w-]*|(?:[\w-]*[_-])?(?:pass|passphrase|creds)`;
/**
 * With a quoted value, also `auth`, `jwt`, `bearer`, `session` and `sid` (`{"auth": "x"}`); not as YAML
 * lines, where `auth: fix expiry` is a commit message. The key may be quoted inside a double-quoted
 * shell word (`-d "{\"password\":\"x\"}"`).
 */
const KEY_COLON = lazily(
  () => new RegExp(String.raw`(?<![\w-])(\\?["']?)(${KEY_NAMES}|(?:[\w-]*[_-])?(?:auth|jwt|bearer|session|sid))\1([ \t]*:[ \t]*)(\\"(?:(?!\\")[^\n])*\\"|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')`, 'gi'),
);
const YAML_LINE = lazily(() => new RegExp(String.raw`^([ \t]*(?:-[ \t]+)?)(${KEY_NAMES})([ \t]*:[ \t]+)([^\s"'#][^\n]*)`, 'gim'));
/** `echo 'password: x' > config.yml`: a YAML line in quotes, written to a file. The commands, then the lines in them. */
const ECHO_TO_FILE = lazily(() => new RegExp(String.raw`(\b(?:echo|printf)[ \t])(${REST_OF_COMMAND})`, 'g'));
const QUOTED_KEY_LINE = lazily(() => new RegExp(String.raw`(["'])([ \t]*(?:${KEY_NAMES})[ \t]*:[ \t]+)((?:(?!\1)[^\n])+)(?=\1)`, 'gi'));
/** A .netrc entry: `machine host login u password x`. */
const NETRC = /(\b(?:machine[ \t]+\S+|default|login[ \t]+\S+)(?:[ \t]+(?:login|account|port)[ \t]+\S+)*[ \t]+password[ \t]+)([^\s'"]+)/g;
/** A .pgpass line, host:port:database:user:password, written to a .pgpass file. */
const PGPASS = /(\b(?:echo|printf)[ \t]+(?:-\S+[ \t]+)*(["']?)(?:[^\s:'"]*:){4})((?:\\:|[^\s'"])+)(?=\2[^\n;&|]*>[ \t]*\S*\.pgpass\b)/g;
/** mongosh's `db.auth("user", "password")`. */
const DB_AUTH = /(\.auth\([ \t]*(\\?["'])(?:(?!\2)[^\n])*\2[ \t]*,[ \t]*)(\\?["'])((?:(?!\3)[^\n])+)(?=\3)/g;

/**
 * `MYSQL_PWD=x`, `export GITHUB_TOKEN=x`, `AWS_SECRET_ACCESS_KEY=x`, `SSHPASS=x`, `AUTH=x`,
 * `SLACK_WEBHOOK=url`: names of secrets in capitals. Not `PWD` (the working directory) or a bare `KEY`.
 */
const SECRET_NAME = String.raw`[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIALS?|SSHPASS|JWT|BEARER)[A-Z0-9_]*|(?:[A-Z0-9]+_)+(?:PWD|PASS|KEY|APIKEY|AUTH|SESSION|COOKIE|WEBHOOK)(?:_[A-Z0-9]+)*|(?:PASS|KEY|APIKEY)_[A-Z0-9_]+|AUTH|PASS|COOKIE|WEBHOOK(?:_URL)?`;
const SECRET_ASSIGNMENT = lazily(() => new RegExp(String.raw`(?<![\w$])(${SECRET_NAME})=(${VALUE})`, 'g'));
/** csh's `setenv NAME VALUE`. */
const SETENV = lazily(() => new RegExp(String.raw`(\bsetenv[ \t]+(?:${SECRET_NAME})[ \t]+)(${VALUE})`, 'g'));
/** An argv word that is an assignment to a secret's name: its value runs to the word's end, spaces and all. */
const SECRET_ASSIGNMENT_WORD = lazily(() => new RegExp(String.raw`^(${SECRET_NAME})=([\s\S]+)$`));
/**
 * Lower-case `password=x` in connection strings (`host=db password=x`), query strings (`?token=x`)
 * and `--from-literal=password=x`: only names that say secret. Not a plain `key=value`: sort keys,
 * cache keys and object keys are not secrets.
 */
const SECRET_PARAMETER = lazily(
  () =>
    new RegExp(
      String.raw`(?<![\w-])((?:[\w-]+[._])?(?:password|passwd|pwd|pass|passphrase|secret|client[_-]?secret|token|access[_-]?token|auth[_-]?token|refresh[_-]?token|api[_-]?key|apikey|secret[_-]?key|(?:aws_)?secret_access_key|aws_session_token)|_auth(?:token)?|_password)([ \t]*=[ \t]*)(${VALUE})`,
      'gi',
    ),
);
/**
 * Query parameters that carry credentials, percent-encoded names too (`access%5Ftoken`): signatures
 * (AWS, Azure SAS, GCS), keys, tokens, passwords, sessions, OAuth codes. `?page=2` and `?q=x` stay.
 */
const URL_PARAMETER = /([?&#])([\w%.-]+)=([^&#\s'"]*)/g;
const SECRET_QUERY_NAME =
  /^(?:key|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential|auth|pass|passwd|password|pwd|code|client_secret|api_key|apikey|api-key|access_token|token|secret|session|sessionid|session_id|sid|jwt|private_token|private-token|subscription-key)$|(?:token|secret|password|signature|api_?key)$/i;
/**
 * Programs that read a secret from stdin (`docker login --password-stdin`, `gh auth login --with-token`,
 * `gh secret set`, `vercel env add`, `sudo -S`, `chpasswd`, `passwd --stdin`): what feeds them is the
 * secret, whether `echo`'d into the pipe, a here-string or a heredoc.
 */
const STDIN_SECRET_READER = String.raw`(?:sudo[ \t]+(?:-\S+[ \t]+)*)?(?:(?:docker|podman|nerdctl|buildah|skopeo|oras|helm|crane|regctl|cosign|az|aws|cf|heroku)\b[^\n;&|]*--password-stdin|gh[ \t]+auth[ \t]+login\b[^\n;&|]*--with-token|gh[ \t]+secret[ \t]+set\b|vercel[ \t]+env[ \t]+add\b|wrangler[ \t]+(?:pages[ \t]+)?secret[ \t]+put\b|sudo[ \t]+(?:-\S+[ \t]+)*-[a-zA-Z]*S\b|chpasswd\b|passwd\b[^\n;&|]*--stdin|vault[ \t]+login\b[^\n;&|]*[ \t]-(?=$|[\s;&|]))`;
const PIPED_TO_READER = lazily(() => new RegExp(String.raw`(\b(?:echo|printf)(?:[ \t]+-[neE]+)*[ \t]+)(${VALUE}(?:[ \t]+${VALUE})*)(?=[ \t]*\|[ \t]*${STDIN_SECRET_READER})`, 'g'));
const HERESTRING_TO_READER = lazily(() => new RegExp(String.raw`(${STDIN_SECRET_READER}[^\n;&|]*<<<[ \t]*)(${VALUE})`, 'g'));
const HEREDOC_TO_READER = lazily(() => new RegExp(String.raw`(${STDIN_SECRET_READER}[^\n]*<<-?[ \t]*(["']?)(\w+)\2[^\n]*\n)([\s\S]*?)(?=\n[ \t]*\3(?:\n|$))`, 'g'));

/** `aws configure set aws_secret_access_key VALUE`. */
const AWS_CONFIGURE = lazily(() => new RegExp(String.raw`(?<=\baws\s[^\n;&|]*\bconfigure\s+set\s+)(aws_secret_access_key|aws_session_token)([ \t]+)(${VALUE})`, 'g'));

/**
 * SQL: `PASSWORD 'x'`, `PASSWORD = 'x'`, `SET PASSWORD FOR u = 'x'`, `IDENTIFIED [WITH plugin] BY 'x'`,
 * also with the quotes escaped inside a double-quoted shell word (`BY \"x\"`).
 */
const SQL_PASSWORD =
  /\b(PASSWORD(?:[ \t]+FOR[ \t]+\S+)?(?:[ \t]*=[ \t]*(?:PASSWORD[ \t]*)?\(?[ \t]*|[ \t]*\([ \t]*|[ \t]+)|IDENTIFIED(?:[ \t]+WITH[ \t]+\S+)?[ \t]+BY[ \t]+(?:PASSWORD[ \t]+)?)(\\"(?:(?!\\")[^\n])*\\"|E?'(?:[^'\n]|'')*'|"[^"\n]*"|\$\$[^\n]*?\$\$)/gi;

/** `scheme://user:password@host` keeps the user; the password runs to the last `@` before the host. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"]*):([^\s/?#'"]+)@/gi;
/** Webhook URLs are their own credential: Slack's and Discord's. */
const WEBHOOK_URL = /(https?:\/\/(?:hooks\.slack\.com\/(?:services|workflows|triggers)|(?:canary\.|ptb\.)?discord(?:app)?\.com\/api\/webhooks)\/)[^\s'"]+/gi;
/**
 * Over http a lone user part is a token (`https://ghp_x@github.com`, `https://TOKEN@host`). ssh and
 * database URLs name a user (git@, deploy@, postgres://app@db), which stays.
 */
const URL_TOKEN = /\b((?:https?|wss?|ftps?):\/\/)([^\s:/@'"]+)@/gi;

/** Token shapes that are secrets wherever they appear. */
const TOKEN_SHAPES = lazily(
  () =>
    new RegExp(
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
    ),
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
 * nothing a rule would mask gets past it (`adduser`, `rpcclient`, `xhs` and a `sid:` key were missing,
 * and went through unmasked). The words are grouped by their first letter, so that at each place in
 * the text only the words starting with its letter are tried.
 */
const MAYBE_SECRET =
  /@|7z|a(?:uth|kia|sia|iza|dduser)|b(?:earer|cp)|c(?:ookie|red|url|qlsh|ode=)|eyj|g(?:h[pousr]_|ithub_pat|l[a-z]{1,3}-)|h(?:ooks\.|ttp|f_)|identified|jwt|key|l(?:ogin|dap|ftp|iteral)|m(?:ysql|aria|ongo)|npm_|openssl|p(?:ass|wd|ut-parameter)|r(?:edis|abbitmq|k_|pcclient)|s(?:ecret|ession|ig|id=|id\\?["']?[ \t]*:|qlcmd|mb|udo|k[-_]|g\.)|token|user(?:add|mod)|v(?:alkey|ercel)|w(?:ebhook|hsec)|x(?:hs?\b|ox)|zip/i;

/**
 * Words one of the header, key and parameter rules needs to find anything (each name they know holds
 * one): cheaper to look for than to run the rules over text that has none.
 */
const HEADER_HINT = /auth|cookie|key|token|secret|pass|session|signature|credential/i;
const PARAMETER_HINT = /pass|pwd|secret|token|key|_auth/i;
const ASSIGNMENT_HINT = /PASS|PWD|SECRET|TOKEN|CREDENTIAL|JWT|BEARER|KEY|AUTH|SESSION|COOKIE|WEBHOOK/;

/** `text` with every secret in it replaced by ***. */
export function maskSecrets(text: string): string {
  if (!MAYBE_SECRET.test(text)) return text;
  let out = text;
  if (out.includes('PRIVATE KEY-----')) out = out.replace(PEM_PRIVATE_KEY, (_m, begin: string, end: string) => `${begin}${MASK}${end}`);
  const header = (lead: string, name: string, sep: string, scheme: string | undefined, value: string) => `${lead}${name}${sep}${scheme ?? ''}${value.trim() === MASK ? value : MASK}`;
  const masked = (value: string) => (value === '' || value.trim() === MASK ? value : MASK);
  // Each rule runs only on text that has what it can't match without (a `:`, an `=`, a `://`…).
  if (out.includes(':') && HEADER_HINT.test(out)) {
    out = out
      .replace(HEADER_QUOTED(), (m, q: string, name: string, sep: string, scheme: string | undefined, value: string, close: string, rest: string) =>
        value === '' && rest === '' ? m : `${q}${name}${sep}${scheme ?? ''}${masked(value)}${close}${masked(rest)}`,
      )
      .replace(HEADER_LINE(), (_m, lead: string, name: string, sep: string, scheme: string | undefined, value: string) => header(lead, name, sep, scheme, value))
      .replace(HEADER_WORD(), (_m, name: string, sep: string, value: string) => header('', name, sep, undefined, value));
  }
  if (/http|xh/.test(out)) {
    out = out.replace(
      HTTPIE_COMMAND(),
      (_m, head: string, rest: string) => `${head}${rest.replace(HTTPIE_HEADER(), (_h, name: string, sep: string, value: string) => header('', name, sep, undefined, value))}`,
    );
  }
  if (/:[ \t]*[\\"']/.test(out)) out = out.replace(KEY_COLON(), (_m, q: string, name: string, sep: string, value: string) => `${q}${name}${q}${sep}${maskValue(value)}`);
  if (/:[ \t]/.test(out))
    out = out.replace(YAML_LINE(), (m, lead: string, name: string, sep: string, value: string) => (value.includes(MASK) || value.startsWith('$') ? m : `${lead}${name}${sep}${MASK}`));
  if (out.includes('://') && out.includes('@')) {
    out = out
      .replace(URL_PASSWORD, (m, head: string, pass: string) => (pass === MASK ? m : `${head}:${MASK}@`))
      .replace(URL_TOKEN, (m, scheme: string, user: string) => (user === MASK || /^(git|ssh)$/.test(user) ? m : `${scheme}${MASK}@`));
  }
  if (out.includes('=') && /[?&#]/.test(out)) {
    out = out.replace(URL_PARAMETER, (m, sep: string, name: string, value: string) =>
      value === '' || value === MASK || value.startsWith('$') || !SECRET_QUERY_NAME.test(percentDecoded(name)) ? m : `${sep}${name}=${MASK}`,
    );
  }
  if (out.includes('://')) out = out.replace(WEBHOOK_URL, (_m, head: string) => `${head}${MASK}`);
  if (out.includes('=') && ASSIGNMENT_HINT.test(out)) out = out.replace(SECRET_ASSIGNMENT(), (_m, name: string, value: string) => `${name}=${maskValue(value)}`);
  // `PWD=/srv/app` is the working directory, not a password.
  if (out.includes('=') && PARAMETER_HINT.test(out)) out = out.replace(SECRET_PARAMETER(), (m, name: string, sep: string, value: string) => (name === 'PWD' ? m : `${name}${sep}${maskValue(value)}`));
  if (out.includes('configure')) out = out.replace(AWS_CONFIGURE(), (_m, name: string, sep: string, value: string) => `${name}${sep}${maskValue(value)}`);
  if (/password|identified/i.test(out)) out = out.replace(SQL_PASSWORD, (m, head: string, value: string) => (value.includes(MASK) ? m : `${head}${sqlMasked(value)}`));
  if (/setenv/.test(out)) out = out.replace(SETENV(), (_m, head: string, value: string) => `${head}${maskValue(value)}`);
  if (/echo|printf/.test(out)) {
    out = out
      .replace(ECHO_TO_FILE(), (_m, echo: string, rest: string) =>
        !rest.includes('>') ? `${echo}${rest}` : `${echo}${rest.replace(QUOTED_KEY_LINE(), (_l, q: string, key: string, value: string) => `${q}${key}${value.trim() === MASK ? value : MASK}`)}`,
      )
      .replace(PGPASS, (_m, head: string, _q: string, pass: string) => `${head}${pass === MASK ? pass : MASK}`);
  }
  if (/password/i.test(out)) out = out.replace(NETRC, (_m, head: string, pass: string) => `${head}${pass === MASK ? pass : MASK}`);
  if (out.includes('.auth(')) out = out.replace(DB_AUTH, (_m, head: string, q: string, pass: string) => `${head}${q}${pass === MASK ? pass : MASK}`);
  if (/--password-stdin|--with-token|secret|vercel|sudo|passwd|vault/.test(out)) {
    out = out
      .replace(PIPED_TO_READER(), (_m, echo: string, words: string) => `${echo}${words.replace(new RegExp(VALUE, 'g'), (w) => maskValue(w))}`)
      .replace(HERESTRING_TO_READER(), (_m, head: string, value: string) => `${head}${maskValue(value)}`)
      .replace(HEREDOC_TO_READER(), (_m, head: string, _q: string, _tag: string, body: string) => `${head}${body === '' ? body : MASK}`);
  }
  out = maskOptions(out);
  out = out.replace(TOKEN_SHAPES(), MASK);
  if (/AKIA|ASIA|aws_secret/i.test(text)) out = out.replace(AWS_SECRET, MASK);
  return out;
}

/**
 * Whether a masking rule could read across the end of `line`: a private key block; `aws configure set
 * aws_secret_access_key|aws_session_token` (its look-behind may span lines); the AWS key id that makes
 * any 40-character word a secret; a heredoc fed to a program that reads a secret from stdin (the `<<`
 * on a line with the program). Every other rule matches within one line and needs one of the first
 * look's words there. A new rule that reads across lines must be added here.
 */
function readsAcrossLines(line: string): boolean {
  return (
    line.includes('PRIVATE KEY-----') ||
    line.includes('aws_session_token') ||
    /AKIA|ASIA|aws_secret/i.test(line) ||
    (line.includes('<<') && /^(?=[^\n]*<<)(?=[^\n]*(?:--password-stdin|--with-token|secret|vercel|sudo|passwd|vault))/m.test(line))
  );
}

/** Lines of airlock's own wording, masked, which come back request after request; a few hundred at most. */
const fixedLines = new Map<string, { masked: string; acrossLines: boolean }>();

/**
 * `maskSecrets(lines.join('\n'))`, worked out a line at a time: the same text, because (unless a line
 * readsAcrossLines) no rule reads past a line end. The lines `fixed` marks are airlock's own wording
 * (a rule's consequence and advice, which name programs like `mysqldump` and so send every text
 * holding them through every rule): each is masked once and remembered.
 */
export function maskSecretLines(lines: readonly string[], fixed: readonly boolean[]): string {
  const masked: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let known = fixed[i] ? fixedLines.get(line) : undefined;
    if (fixed[i] && known === undefined) {
      if (fixedLines.size >= 500) fixedLines.clear();
      fixedLines.set(line, (known = { masked: maskSecrets(line), acrossLines: readsAcrossLines(line) }));
    }
    if (known ? known.acrossLines : readsAcrossLines(line)) return maskSecrets(lines.join('\n'));
    masked.push(known ? known.masked : maskSecrets(line));
  }
  return masked.join('\n');
}

/** A query parameter's name as the server reads it: `access%5Ftoken` is `access_token`. */
function percentDecoded(name: string): string {
  if (!name.includes('%')) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** A SQL string literal with its contents masked and its quoting kept. */
function sqlMasked(literal: string): string {
  if (literal.startsWith('$$')) return `$$${MASK}$$`;
  if (literal.startsWith('\\"')) return `\\"${MASK}\\"`;
  const open = literal.startsWith("E'") ? "E'" : literal[0]!;
  return `${open}${MASK}${literal.slice(-1)}`;
}

/**
 * The words of a text, as hiddenWords compares them: runs between the separators of shell words,
 * assignments, URLs and user:password pairs.
 */
const RUN = /[^\s"'`\\;&|()<>=:,@%/?#{}[\]$*!]+/g;
const NO_WORDS: ReadonlySet<string> = new Set();

/**
 * The words masking `text` hides: its secrets, to be hidden from anything derived from it too (the
 * argv of `echo SECRET` piped to `docker login --password-stdin`, a finding that names the value of
 * `--oauth2-bearer` as its target). Short words are left alone: a secret is longer than `main`'s 4
 * letters at least, and a common short word hidden everywhere would garble what is shown.
 */
export function hiddenWords(text: string, masked = maskSecrets(text)): ReadonlySet<string> {
  if (masked === text) return NO_WORDS;
  const kept = new Set(masked.match(RUN));
  const hidden = (text.match(RUN) ?? []).filter((w) => w.length >= 4 && !kept.has(w));
  return hidden.length ? new Set(hidden) : NO_WORDS;
}

/** `text` with its own secrets masked, and any word hidden in what it came from. */
export function maskSecretsIn(text: string, hidden: ReadonlySet<string>): string {
  const masked = maskSecrets(text);
  return hidden.size ? masked.replace(RUN, (w) => (hidden.has(w) ? MASK : w)) : masked;
}

/** Keys of structured input (an MCP call's arguments) whose whole value is secret, however nested. */
const SECRET_KEY = lazily(() => new RegExp(String.raw`^(?:${KEY_NAMES}|(?:[\w-]*[_-])?(?:auth|jwt|bearer|session|sid|pin|otp))$`, 'i'));

/**
 * A JSON value with its secrets masked: every string and number under a secret-named key, however deep
 * (`{"auth": {"pass": "x"}}`, `{"creds": "u:x"}`), and the secrets in any other string.
 */
export function maskStructured<T>(value: T, secret = false): T {
  if (typeof value === 'string') return (secret && value !== '' ? MASK : maskSecrets(value)) as T;
  if (typeof value === 'number' || typeof value === 'bigint') return (secret ? MASK : value) as T;
  if (Array.isArray(value)) return value.map((v) => maskStructured(v, secret)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStructured(v, secret || SECRET_KEY().test(k))])) as T;
  return value;
}

const PROGRAM_OPTIONS = lazily(() =>
  PASSWORD_OPTIONS.map((o) => {
    const { attached, apart, long } = spellings(o);
    return {
      o,
      program: new RegExp(`^(?:${o.programs})$`),
      attached: attached ? new RegExp(`^(${attached})(?=[^\\s-])(.+)$`, 's') : null,
      apart: apart ? new RegExp(`^(?:${apart})$`) : null,
      long: long && !o.attachedOnly ? new RegExp(`^(${long})=(.*)$`, 's') : null,
    };
  }),
);

/**
 * One command's argv, each word masked: the words maskSecrets can judge alone, and the values of
 * password options given as their own word (`sshpass -p SECRET`, `curl -u user:SECRET`,
 * `--password SECRET`), which only the word before them shows to be secret. What needs more context
 * than one word (an AWS secret beside its key id, `vault login TOKEN`, `echo TOKEN | docker login
 * --password-stdin`) is found by masking the whole command: the argv joined, and the command line it
 * came from when the caller has it. A word, or a part of one, that masking them hides is a secret.
 */
export function maskArgv(argv: readonly string[], commandLine?: string): string[] {
  const first = argv[0] ?? '';
  const program = first.slice(first.lastIndexOf('/') + 1).replace(/\.exe$/i, '');
  const own = PROGRAM_OPTIONS().filter((p) => p.program.test(program));
  const switchProgram = SWITCH_PROGRAM().test(program);
  const joined = argv.join(' ');
  const whole = maskSecrets(joined);
  let hidden = hiddenWords(joined, whole);
  if (commandLine !== undefined && commandLine !== joined) {
    const more = hiddenWords(commandLine);
    if (more.size) hidden = new Set([...hidden, ...more]);
  }
  return argv.map((word, i) => {
    let masked = maskSecrets(i === 0 ? word : maskAssignmentWord(maskOptionWord(word, argv, i, own, switchProgram)));
    if (masked === word && whole !== joined && word.length >= 4 && !whole.includes(word)) return MASK;
    if (hidden.size) masked = masked.replace(RUN, (w) => (hidden.has(w) ? MASK : w));
    return masked;
  });
}

/** `TOKEN=a b c` as one word (the shell took the quotes off): the value is all of the rest. */
function maskAssignmentWord(word: string): string {
  const m = SECRET_ASSIGNMENT_WORD().exec(word);
  return m ? `${m[1]}=${maskValue(m[2]!)}` : word;
}

function maskOptionWord(word: string, argv: readonly string[], i: number, own: ReturnType<typeof PROGRAM_OPTIONS>, switchProgram: boolean): string {
  const prev = argv[i - 1]!;
  for (const p of own) {
    if (p.o.subcommand && !argv.slice(1, i).includes(p.o.subcommand)) continue;
    if (p.apart?.test(prev) && !word.startsWith('-')) return maskValue(word, p.o.value);
    const glued = p.attached?.exec(word) ?? p.long?.exec(word);
    if (glued) return `${glued[1]}${word[glued[1]!.length] === '=' ? '=' : ''}${maskValue(glued[2]!, p.o.value)}`;
  }
  if (GENERIC_WORD().test(prev) && !word.startsWith('-') && !(switchProgram && /^--pass(?:word|wd)?$/.test(prev))) return maskValue(word);
  return word;
}
