// Interpreter evasions (issue 12, point 4): code airlock can't read (eval of decoded text, a command
// line in a variable) is held as unknown, and deleting through a language's own file API is held like
// rm. Each case runs for real in a scratch directory (see cases.ts).

import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evasionTests, type EvasionCase } from './cases.js';

/** `project/` holding app.db, and a folder beside it, `shared/`, holding data. */
function setup(dir: string): void {
  mkdirSync(join(dir, 'project'));
  mkdirSync(join(dir, 'shared'));
  writeFileSync(join(dir, 'shared/customers.csv'), 'id,name\n');
  writeFileSync(join(dir, 'project/app.db'), 'SQLite format 3\u0000');
}
const sharedGone = (dir: string) => (existsSync(join(dir, 'shared/customers.csv')) ? 'shared/customers.csv is still there' : true);
const dbGone = (dir: string) => (existsSync(join(dir, 'project/app.db')) ? 'app.db is still there' : true);
const dbEmptied = (dir: string) => (statSync(join(dir, 'project/app.db')).size === 0 ? true : 'app.db still holds its bytes');
const b64 = (text: string) => Buffer.from(text).toString('base64');

const inProject = (command: string, needs: string[], destroyed: (dir: string) => true | string, extra?: (project: string) => void): EvasionCase => ({
  command,
  needs,
  cwd: 'project',
  setup: (dir) => {
    setup(dir);
    extra?.(join(dir, 'project'));
  },
  destroyed,
});

const cases: EvasionCase[] = [
  // Code that can't be read before it runs.
  inProject(`python3 -c "import base64; exec(base64.b64decode('${b64("import shutil; shutil.rmtree('../shared')")}'))"`, ['python3'], sharedGone),
  inProject(`python3 -c "import os, sys; os.system(sys.argv[1])" 'rm -rf ../shared'`, ['python3'], sharedGone),
  inProject(`node -e "require('child_process').execSync(Buffer.from('${b64('rm -rf ../shared')}','base64').toString())"`, ['node'], sharedGone),
  inProject(`node -e "eval(process.argv[1])" "require('fs').rmSync('../shared', {recursive: true})"`, ['node'], sharedGone),
  inProject("perl -e 'my $c = shift; qx($c)' 'rm -rf ../shared'", ['perl'], sharedGone),
  inProject("perl -e 'system($ARGV[0])' 'rm -rf ../shared'", ['perl'], sharedGone),
  // A script file that drives a terminal runs a program named at run time (how it would answer a
  // program that asks for a human at a terminal): held, though a script's own variables are not.
  inProject('python3 drive.py', ['python3'], sharedGone, (project) =>
    writeFileSync(join(project, 'drive.py'), 'import os, pty\npid, fd = pty.fork()\nif pid == 0:\n    os.execvp("mr"[::-1], ["rm", "-rf", "../shared"])\nos.waitpid(pid, 0)\n'),
  ),
  // Deleting through the language's own API.
  inProject(`python3 -c "import shutil; shutil.rmtree('../shared')"`, ['python3'], sharedGone),
  inProject(`python3 -c "import os; os.remove('app.db')"`, ['python3'], dbGone),
  inProject(`python3 -c "import os; os.unlink('app.db')"`, ['python3'], dbGone),
  inProject(`python3 -c "import pathlib; pathlib.Path('app.db').unlink()"`, ['python3'], dbGone),
  inProject(`node -e "require('fs').rmSync('../shared', {recursive: true})"`, ['node'], sharedGone),
  inProject(`node -e "require('fs').unlinkSync('app.db')"`, ['node'], dbGone),
  inProject(`node --input-type=module -e "import {rm} from 'fs/promises'; await rm('../shared', {recursive: true})"`, ['node'], sharedGone),
  inProject(`node -e "require('fs/promises').rm('../shared', {recursive: true})"`, ['node'], sharedGone),
  inProject(`perl -e 'unlink "app.db"'`, ['perl'], dbGone),
  inProject(`perl -e 'unlink glob "../shared/*"'`, ['perl'], sharedGone),
  inProject(`ruby -e "require 'fileutils'; FileUtils.rm_rf('../shared')"`, ['ruby'], sharedGone),
  inProject(`php -r "unlink('app.db');"`, ['php'], dbGone),
  inProject('java Wipe.java', ['java'], dbGone, (project) =>
    writeFileSync(join(project, 'Wipe.java'), 'import java.io.File;\npublic class Wipe { public static void main(String[] a) { new File("app.db").delete(); } }\n'),
  ),
  // A deleting function picked at run time, handed on, or taken under another name.
  inProject(`python3 -c "import os;getattr(os,'re'+'move')('app.db')"`, ['python3'], dbGone),
  inProject(`node -e "require('fs')['rm'+'Sync']('../shared',{recursive:true})"`, ['node'], sharedGone),
  inProject(`ruby -e 'require "fileutils"; FileUtils.send(:rm_r, "../shared")'`, ['ruby'], sharedGone),
  inProject(`php -r 'array_map("unlink", glob("../shared/*"));'`, ['php'], sharedGone),
  inProject(`python3 -c 'from shutil import rmtree as r; r("../shared")'`, ['python3'], sharedGone),
  inProject(`node -e 'const {rmSync:r}=require("fs");r("../shared",{recursive:true})'`, ['node'], sharedGone),
  // Emptying a file through the language's own API.
  inProject(`node -e 'require("fs").truncateSync("app.db")'`, ['node'], dbEmptied),
  inProject(`perl -e 'truncate "app.db",0'`, ['perl'], dbEmptied),
  inProject(`python3 -c 'import pathlib;pathlib.Path("app.db").write_text("")'`, ['python3'], dbEmptied),
  inProject(`python3 -c 'open("app.db","w")'`, ['python3'], dbEmptied),
  inProject(`php -r 'file_put_contents("app.db","");'`, ['php'], dbEmptied),
  // Heredocs fed to interpreters read like -c code.
  inProject("python3 <<'EOF'\nimport shutil\nshutil.rmtree('../shared')\nEOF", ['python3'], sharedGone),
  inProject("node <<'JS'\nrequire('fs').rmSync('../shared', { recursive: true })\nJS", ['node'], sharedGone),
];

evasionTests('interpreters', cases);
