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
      // Printed and run: the run is what counts.
      `node -e "db.query('DROP TABLE users'); console.log('done')"`,
      `python3 -c 'import sqlite3; c = sqlite3.connect("a.db"); print("dropping"); c.execute("DROP TABLE users")'`,
      `node -e "console.log(db.exec('DROP TABLE users'))"`,
    ],
    passes: [
      'python -c "print(1)"',
      `python -c "import shutil; shutil.rmtree('build')"`,
      `node -e "console.log(require('fs').readdirSync('.'))"`,
      'python --version',
      `python -c "import requests; print(requests.get('http://x').status_code)"`,
      'node -e "fs.rmSync(\'node_modules\', {recursive:true})"',
      // SQL that is only printed is text for a person, not a statement sent to a database.
      `node -e "console.log('DROP TABLE users')"`,
      `python3 -c 'print("DELETE FROM sessions WHERE expired")'`,
      `ruby -e 'puts "TRUNCATE logs"'`,
      `php -r 'echo "DROP TABLE cache;";'`,
      `perl -e 'print "DROP TABLE x\\n"'`,
    ],
  },
};
