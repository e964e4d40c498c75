// Evidence for the rules in ./interpreters.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'interpreters/destructive-code': {
    catches: [
      `python3 - <<'PY'\nimport os, psycopg2\nconn = psycopg2.connect(os.environ['DATABASE_URL'])\nconn.cursor().execute('TRUNCATE orders CASCADE')\nconn.commit()\nPY`,
      'python -c "from db.pg_init import init_db; init_db(True)"',
      `python -c "import requests; base='http://localhost:5000/api/agents'; [requests.delete(f'{base}/{a[\\"id\\"]}') for a in requests.get(base).json()]"`,
      `python -c "import shutil; shutil.rmtree('/home/me/projects')"`,
      `node -e "require('fs').rmSync('src', {recursive: true, force: true})"`,
      `ruby -e 'FileUtils.rm_rf(Dir.home)'`,
      `node -e "await sequelize.sync({ force: true })"`,
      `deno eval "await Deno.remove('data', { recursive: true })"`,
      `python3 -c "import os; os.remove('app.db')"`,
      `python3 -c "import pathlib; pathlib.Path('app.db').unlink()"`,
      `node -e "require('fs').unlinkSync('app.db')"`,
      `node -e "require('fs/promises').rm('../shared', {recursive: true})"`,
      `node --input-type=module -e "import {rm} from 'fs/promises'; await rm('../shared', {recursive: true})"`,
      `perl -e 'unlink "app.db"'`,
      `ruby -e "require 'fileutils'; FileUtils.rm_rf '../shared'"`,
      `php -r "unlink('app.db');"`,
      "python3 <<'EOF'\nimport shutil\nshutil.rmtree('../shared')\nEOF",
      "node <<'JS'\nrequire('fs').rmSync('../shared', { recursive: true })\nJS",
    ],
    passes: [
      'python -c "print(1)"',
      `python -c "import shutil; shutil.rmtree('build')"`,
      `node -e "console.log(require('fs').readdirSync('.'))"`,
      'python --version',
      `python -c "import requests; print(requests.get('http://x').status_code)"`,
      'node -e "fs.rmSync(\'node_modules\', {recursive:true})"',
      `node -e "const m = new Map([['a', 1]]); m.delete('a')"`,
      'java -version',
      'java -jar app.jar',
      'perl -e \'print "hello\\n"\'',
    ],
  },
};
