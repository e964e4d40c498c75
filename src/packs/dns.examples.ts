// Evidence for the rules in ./dns.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'dns/nsupdate-delete': {
    catches: [
      "nsupdate -k /etc/bind/ddns.key <<'EOF'\nserver ns1.example.com\nzone example.com\nupdate delete www.example.com A\nsend\nEOF",
      'printf "server ns1.example.com\\nupdate delete old.example.com\\nsend\\n" | nsupdate -k ddns.key',
      'nsupdate -l <<EOF\ndel api.internal.example.com CNAME\nsend\nEOF',
      'nsupdate -k ddns.key changes.txt',
      "cat > changes.txt <<'EOF'\nupdate add new.example.com 300 A 10.0.0.5\nupdate delete old.example.com A\nsend\nEOF\nnsupdate -k ddns.key changes.txt",
    ],
    passes: [
      "nsupdate -k ddns.key <<'EOF'\nserver ns1.example.com\nupdate add www.example.com 300 A 10.0.0.5\nsend\nEOF",
      "cat > changes.txt <<'EOF'\nupdate add new.example.com 300 A 10.0.0.5\nsend\nEOF\nnsupdate -k ddns.key changes.txt",
      'nsupdate -V',
      'dig www.example.com',
    ],
  },
};
