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
  'system/crontab-remove': {
    catches: ['crontab -r', 'crontab -u deploy -r', 'crontab -ri', 'sudo crontab -r -u root'],
    passes: ['crontab -l', 'crontab -u deploy -l', 'crontab -e'],
  },
};
