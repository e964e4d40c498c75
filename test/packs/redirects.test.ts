// `cat > file` with a heredoc or a pipe writes new text: a file that is not there yet loses nothing,
// one that is there loses what it held (src/packs/filesystem.ts, truncating-redirect).

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { check, emptyHome, removeAtExit } from '../helpers.js';

const project = mkdtempSync(join(tmpdir(), 'airlock-redirects-'));
removeAtExit(project);
writeFileSync(join(project, 'notes.txt'), 'what the human wrote\n');

const verdict = async (command: string) => (await check(command, { cwd: project, env: { HOME: emptyHome } })).verdict;

test('a heredoc into a new file is allowed; into a file that is there it is held as before', async () => {
  assert.equal(await verdict("cat > todo.txt <<'EOF'\nbuy milk\nEOF"), 'allow');
  assert.equal(await verdict("cat > notes.txt <<'EOF'\nbuy milk\nEOF"), 'confirm');
  assert.equal(await verdict('echo x | cat > notes.txt'), 'confirm');
  // From a folder airlock can't know, it can't tell whether the file is there.
  assert.notEqual(await verdict('cd "$DIR" && cat > todo.txt <<\'EOF\'\nbuy milk\nEOF'), 'allow');
});

test('emptying is judged as before, whether the file is there or not', async () => {
  assert.equal(await verdict(': > notes.txt'), 'confirm');
  assert.equal(await verdict('cat > notes.txt'), 'confirm');
  assert.equal(await verdict("cat > notes.txt <<'EOF'\nEOF"), 'confirm');
});
