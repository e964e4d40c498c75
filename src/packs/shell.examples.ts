// Evidence for the rules in ./shell.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'shell/dynamic-command': {
    catches: ['$X -rf /tmp/a', 'rm${IFS}-rf ~', '"$(which rm)" -rf build', '$CMD'],
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
      `python3 -c "import base64; exec(base64.b64decode('cm0gLXJmIH4='))"`,
      `python3 -c "import os; os.system(os.environ['CMD'])"`,
      `python3 -c "import subprocess, sys; subprocess.run(sys.argv[1], shell=True)" 'rm -rf ~'`,
      `python3 -c "eval(input())"`,
      `node -e "require('child_process').execSync(Buffer.from('cm0gLXJmIH4=','base64').toString())"`,
      'node -e "eval(process.argv[1])" x',
      `node -e "new Function(atob('YWxlcnQoMSk='))()"`,
      "perl -e 'my $c = shift; qx($c)' 'rm -rf ~'",
      "perl -e 'system($ENV{CMD})'",
      `ruby -e 'system(ARGV[0])' 'rm -rf ~'`,
      `php -r 'eval(base64_decode("cm0="));'`,
    ],
    passes: [
      'echo "echo hi" | bash',
      'bash -c "ls -la"',
      'eval "echo hi"',
      'bash --version',
      `python3 -c "import re; print(re.compile('a').match('a'))"`,
      `python3 -c "import subprocess; subprocess.run(['ls', '-l'])"`,
      `python3 -c "import os; os.system('ls -l')"`,
      `node -e "console.log(/a/.exec('a'))"`,
      `node -e "require('child_process').execSync('git status', {stdio: 'inherit'})"`,
      "perl -e 'print qx(ls)'",
      "perl -ne 'print if /system/' notes.txt",
      "perl -e 'eval { die 1 }; print $@'",
      `ruby -e 'puts "exec".upcase'`,
    ],
  },
};
