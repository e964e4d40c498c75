// System administration: shutting remote hosts down, stopping database services, removing cron jobs.

import { parseOptions } from '../rules/argv.js';
import { rule } from '../rules/rule.js';

const DATABASE_SERVICES =
  /^(postgres(ql)?(@.*)?|mysql(d)?|mariadb|mongod(b)?|redis(-server)?|valkey|elasticsearch|opensearch|cassandra|clickhouse-server|etcd|kafka|rabbitmq-server|docker|containerd|kubelet)(\.service)?$/;

export const shutdown = rule({
  id: 'system/remote-shutdown',
  effect: 'destroy',
  severity: 'high',
  programs: ['shutdown', 'reboot', 'poweroff', 'halt', 'init', 'systemctl'],
  summary: 'shuts down or reboots a remote host',
  consequence: 'Everything on the host stops; unsaved work and in-flight requests are lost, and it may not come back by itself.',
  alternatives: ['ask the human to schedule it'],
  match(inv) {
    if (!inv.via.some((v) => v.startsWith('ssh '))) return null;
    const args = inv.argv.slice(1).map((a) => a.text);
    if (args.includes('--help') || args.includes('-c')) return null;
    if (inv.program === 'systemctl')
      return ['poweroff', 'reboot', 'halt', 'kexec'].includes(args.find((a) => !a.startsWith('-')) ?? '') ? { target: inv.via.find((v) => v.startsWith('ssh '))!.slice(4) } : null;
    if (inv.program === 'init') return args[0] === '0' || args[0] === '6' ? { target: inv.via.find((v) => v.startsWith('ssh '))!.slice(4) } : null;
    return { target: inv.via.find((v) => v.startsWith('ssh '))!.slice(4) };
  },
});

export const stopDatabase = rule({
  id: 'system/stop-database',
  effect: 'destroy',
  severity: 'medium',
  programs: ['systemctl', 'service'],
  summary: 'stops or disables a database service',
  consequence: 'Everything that depends on it fails until it is started again; disabled or masked, it stays down after a reboot.',
  alternatives: ['ask the human; restart instead if the goal is to reload configuration'],
  match(inv) {
    const words = inv.argv
      .slice(1)
      .map((a) => a.text)
      .filter((a) => !a.startsWith('-'));
    const [verb, ...units] = inv.program === 'service' ? [words[1], words[0]] : words;
    if (!verb || !['stop', 'disable', 'mask', 'kill'].includes(verb)) return null;
    const db = units.filter((u): u is string => !!u && DATABASE_SERVICES.test(u));
    return db.length ? { target: db.join(' ') } : null;
  },
});

export const crontabRemove = rule({
  id: 'system/crontab-remove',
  effect: 'destroy',
  severity: 'medium',
  programs: ['crontab'],
  summary: 'removes every cron job of the user',
  consequence: 'The whole crontab is deleted; cron keeps no copy, so the jobs are gone unless someone saved them.',
  alternatives: ['crontab -l > crontab.bak first, then edit out only the job that must go', 'ask the human'],
  match(inv) {
    const p = parseOptions(inv.argv.slice(1), { value: ['-u', '-n', '-x'] });
    return p.has('-r') ? { target: p.value('-u') ? `crontab of ${p.value('-u')}` : 'crontab' } : null;
  },
});

export const pack = [shutdown, stopDatabase, crontabRemove];
