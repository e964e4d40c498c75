// Evidence for the rules in ./system.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'system/remote-shutdown': {
    catches: ["ssh deploy@db-primary.prod 'sudo shutdown -h now'", 'ssh web-1 reboot', "ssh root@x 'systemctl poweroff'", 'systemctl -H root@db1 reboot'],
    passes: ['shutdown --help', 'systemctl status nginx', "ssh web-1 'uptime'"],
  },
  'system/stop-database': {
    catches: ['systemctl stop postgresql', 'systemctl -H db1 stop postgresql', 'sudo systemctl disable --now mysql', 'service redis-server stop', 'systemctl mask mongod.service'],
    passes: ['systemctl status postgresql', 'systemctl restart nginx', 'systemctl start postgresql', 'service redis-server status'],
  },
  'system/stop-web-server': {
    catches: [
      "ssh web1 'systemctl stop nginx'",
      "ssh lb 'sudo service haproxy stop'",
      "ssh deploy@web1 'sudo nginx -s stop'",
      'ssh web2 sudo systemctl disable --now apache2',
      "ssh -p 2222 edge1 'nginx -s quit'",
      "ssh web3 'sudo apachectl -k graceful-stop'",
      "ssh gw 'systemctl mask traefik.service'",
      'systemctl -H deploy@web1 stop nginx',
      'systemctl --host=lb1 stop haproxy',
    ],
    passes: [
      "ssh web1 'systemctl reload nginx'",
      "ssh web1 'sudo nginx -t && sudo nginx -s reload'",
      "ssh lb 'systemctl status haproxy'",
      'sudo systemctl stop nginx',
      'nginx -s stop',
      "ssh web1 'systemctl restart nginx'",
    ],
  },
  'system/haproxy-runtime': {
    catches: [
      'echo "disable server be_web/web1" | sudo socat stdio /var/run/haproxy.sock',
      'echo "set server be_web/web2 state maint" | socat stdio unix-connect:/run/haproxy/admin.sock',
      'ssh lb1 \'echo "set server be_api/api1 state drain" | sudo socat stdio /run/haproxy/admin.sock\'',
      'echo "shutdown sessions server be_web/web1" | nc -U /var/run/haproxy.sock',
      'echo "clear table be_web" | socat stdio tcp4-connect:lb1:9999',
    ],
    passes: [
      'echo "show servers state" | socat stdio /var/run/haproxy.sock',
      'echo "enable server be_web/web1" | socat stdio /var/run/haproxy.sock',
      'echo "set server be_web/web1 state ready" | socat stdio /var/run/haproxy.sock',
      'echo "show stat" | nc -U /var/run/haproxy.sock',
      'socat TCP-LISTEN:8080,fork TCP:localhost:3000',
    ],
  },
  'system/crontab-remove': {
    catches: ['crontab -r', 'crontab -u deploy -r', 'crontab -ri', 'sudo crontab -r -u root'],
    passes: ['crontab -l', 'crontab -u deploy -l', 'crontab -e'],
  },
};
