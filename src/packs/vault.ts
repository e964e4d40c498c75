// HashiCorp Vault and OpenBao (`bao`, the same CLI): disabling a secrets engine or auth method deletes
// everything under it, `kv destroy` and `kv metadata delete` purge secret versions for good, prefix
// revocations cut off every credential under a path, and a raft snapshot restore replaces all of
// Vault's data. Options are Go flags: `-mount=secret`, `-mount secret` and `--mount secret` alike.

import type { Invocation } from '../core/invocation.js';
import type { Target } from '../core/target.js';
import { parseOptions, type ParsedOptions } from '../rules/argv.js';
import { rule, type Hit } from '../rules/rule.js';
import { type TargetSpec, names } from '../rules/targets.js';
import { perInvocation } from '../rules/memo.js';

const PROGRAMS = ['vault', 'bao'];

/** Flags that take a value, in each spelling Go's flag package accepts. */
const VALUE_FLAGS = [
  'address',
  'namespace',
  'ns',
  'mount',
  'versions',
  'format',
  'field',
  'mode',
  'ca-cert',
  'ca-path',
  'client-cert',
  'client-key',
  'tls-server-name',
  'wrap-ttl',
  'policy',
  'method',
  'path',
  'type',
].flatMap((f) => [`-${f}`, `--${f}`]);

/** Flags after which the CLI only prints what it would send. */
const PRINT_ONLY = ['-output-curl-string', '--output-curl-string', '-output-policy', '--output-policy', '-h', '-help', '--help'];

interface VaultCall {
  /** The subcommand path and its operands: `kv destroy secret/app`. */
  words: string[];
  p: ParsedOptions;
}

/** `vault`, read once for all of this pack's rules to share (see perInvocation). */
const vault = perInvocation(readVault);

function readVault(inv: Invocation): VaultCall | null {
  const p = parseOptions(inv.argv.slice(1), { value: VALUE_FLAGS, singleDashWords: true });
  const words = p.positionals.map((a) => a.text);
  if (!words.length || words.includes('help') || p.has(...PRINT_ONLY)) return null;
  return { words, p };
}

const flag = (p: ParsedOptions, name: string) => p.has(`-${name}`, `--${name}`);
const flagValue = (p: ParsedOptions, name: string) => p.value(`-${name}`, `--${name}`);

/** The secret path a kv command names: `-mount=secret app` is secret/app. */
function kvPath(call: VaultCall, operand: string | undefined): string {
  const mount = flagValue(call.p, 'mount');
  return [mount?.replace(/\/+$/, ''), operand].filter(Boolean).join('/');
}

/** Subcommand paths that lose data, with why; the operand after the path is what they act on. */
const DESTROYS: Record<string, string> = {
  'secrets disable': 'disables the secrets engine: every secret it holds is deleted and every credential it issued is revoked',
  'auth disable': 'disables the auth method: its configuration is deleted and every token it issued is revoked',
  'kv destroy': 'permanently destroys secret versions; they cannot be undeleted',
  'kv metadata delete': 'deletes every version of the secret and its history, for good',
  // On KV version 1 a delete is permanent, and nothing on the command says which version the mount is.
  'kv delete': 'deletes the secret (for good on a KV version 1 mount; on version 2 every reader loses it until it is undeleted)',
  // `kv put` replaces every key at the path, not just the ones named (`kv patch` does that); on KV v1 the old value is gone.
  'kv put': 'replaces the whole secret: keys not named on the command are dropped, and on KV version 1 the previous value is gone',
  delete: 'deletes whatever lives at the path: a secret, a role, a key, a configuration',
  'policy delete': 'deletes the policy; every token that relied on it loses its access',
  'namespace delete': 'deletes the namespace with every engine, secret and policy in it',
  'operator raft remove-peer': 'removes a node from the Vault cluster',
  'operator raft snapshot restore': "replaces all of Vault's data with the snapshot's",
  'operator snapshot restore': "replaces all of Vault's data with the snapshot's",
};

/** Changes that can be undone or re-created. */
const WRITES = new Set([
  'write',
  'kv patch',
  'kv undelete',
  'kv rollback',
  'kv metadata put',
  'kv metadata patch',
  'kv enable-versioning',
  'secrets enable',
  'secrets tune',
  'secrets move',
  'auth enable',
  'auth tune',
  'audit disable',
  'audit enable',
  'policy write',
  'token create',
  'lease revoke',
  'token revoke',
  'operator seal',
  'operator step-down',
  'operator rekey',
  'operator generate-root',
  'plugin register',
  'plugin deregister',
  'namespace create',
]);

/** The longest known subcommand path the words start with. */
function commandPath(words: string[], known: (path: string) => boolean): string | null {
  for (let n = Math.min(4, words.length); n > 0; n--) {
    const path = words.slice(0, n).join(' ');
    if (known(path)) return path;
  }
  return null;
}

export const destroy = rule({
  id: 'vault/destroy',
  effect: 'destroy',
  severity: 'critical',
  programs: PROGRAMS,
  summary: "deletes Vault secrets, engines, auth methods or the cluster's data",
  consequence: 'Secrets, and the credentials Vault issued from them, are gone; applications that read them fail.',
  alternatives: ['vault kv get / vault secrets list first, and show a human what would go', 'take a snapshot first (vault operator raft snapshot save)'],
  match(inv) {
    const call = vault(inv);
    if (!call) return null;
    const path = commandPath(call.words, (p) => p in DESTROYS);
    if (path) {
      const operand = call.words[path.split(' ').length];
      const target = path.startsWith('kv ') ? kvPath(call, operand) : operand;
      // -versions exists only on KV version 2, where a delete is soft: `kv undelete` brings the versions back.
      if (path === 'kv delete' && flagValue(call.p, 'versions'))
        return { target, effect: 'write', severity: 'medium', summary: `${inv.program} kv delete -versions soft-deletes versions of ${target} (kv undelete restores them)` };
      const hit: Hit = { target, summary: `${inv.program} ${path} ${target ?? ''}: ${DESTROYS[path]}`.trim() };
      return path === 'kv put' ? { ...hit, severity: 'high' } : hit;
    }
    const [group, verb] = call.words;
    // Revoking every lease or token under a prefix cuts off each application that holds one; -force also skips the backend.
    if (group === 'lease' && verb === 'revoke' && (flag(call.p, 'prefix') || flag(call.p, 'force') || flag(call.p, 'f')))
      return { target: call.words[2], summary: `${inv.program} lease revoke of every lease under ${call.words[2] ?? 'the prefix'}` };
    if (group === 'token' && verb === 'revoke' && flagValue(call.p, 'mode') === 'path')
      return { target: call.words[2], summary: `${inv.program} token revoke of every token created under ${call.words[2] ?? 'the path'}` };
    // A subcommand this table doesn't know, that says it deletes.
    const said = call.words.slice(0, 3).find((w) => /^(delete|destroy|purge|remove-peer)$/.test(w));
    return said ? { target: call.words[call.words.indexOf(said) + 1], summary: `${inv.program} ${call.words.join(' ')}` } : null;
  },
});

export const change = rule({
  id: 'vault/change',
  effect: 'write',
  severity: 'medium',
  programs: PROGRAMS,
  summary: "changes Vault's secrets, engines, policies or tokens",
  consequence: 'Secrets, mounts, policies or tokens change; a revoked token or lease stops working for whoever holds it.',
  alternatives: ['read the current value first (vault kv get, vault read) and show a human the change'],
  match(inv) {
    const call = vault(inv);
    if (!call) return null;
    const path = commandPath(call.words, (p) => WRITES.has(p));
    if (!path) return null;
    const target = call.words[path.split(' ').length];
    const hit: Hit = { target, summary: `${inv.program} ${path} ${target ?? ''}`.trim() };
    // Revoking one's own token is logging out.
    if (path === 'token revoke' && flag(call.p, 'self')) return { ...hit, severity: 'low' };
    if (path === 'operator seal') return { ...hit, severity: 'high', consequence: 'Vault stops serving every secret until enough unseal keys are entered again.' };
    return hit;
  },
});

export const pack = [destroy, change];

/** What its commands act on (src/rules/targets.ts): the Vault server and namespace, by flag or by variable. */
export const targets: TargetSpec = {
  singleDashWords: true,
  options: { '-address': names.url, '--address': names.url, '-namespace': names.name, '--namespace': names.name, '-ns': names.name, '--ns': names.name },
  of(inv) {
    const out: Target[] = [];
    const address = inv.env.VAULT_ADDR;
    if (address?.static) out.push({ type: 'name', kind: 'url', value: address.text, source: 'VAULT_ADDR=… on the command' });
    const namespace = inv.env.VAULT_NAMESPACE;
    if (namespace?.static) out.push({ type: 'name', kind: 'name', value: namespace.text, source: 'VAULT_NAMESPACE=… on the command' });
    return out;
  },
};
