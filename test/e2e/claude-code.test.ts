// airlock in the real Claude Code program: the shared scenarios, and its own settings out of the
// model's reach through the Write and Edit tools.
// Needs: the real agent program from npm, PostgreSQL and MariaDB on loopback (the unit run leaves this file out).

import { join } from 'node:path';
import { claudeCodeDriver, runClaudeCode } from './drivers/claude-code.js';
import { agentScenarios, settingsOutOfReach } from './scenarios.js';

agentScenarios(claudeCodeDriver);

settingsOutOfReach({
  title: 'the Write and Edit tools cannot change ~/.claude/settings.json, where the hook lives, given its absolute path',
  driver: claudeCodeDriver,
  runTools: (sb, calls) => runClaudeCode(sb, calls),
  file: (sb) => join(sb.home, '.claude', 'settings.json'),
  control: (path) => ({ name: 'Write', input: { file_path: path, content: 'notes\n' } }),
  attacks: (file) => [
    { name: 'Write', input: { file_path: file, content: '{}\n' } },
    // An edit Claude Code's own settings check accepts (it refuses ambiguous or invalid ones before any hook runs).
    { name: 'Edit', input: { file_path: file, old_string: '"matcher": "Bash|PowerShell|Write|Edit|MultiEdit|NotebookEdit|mcp__.*"', new_string: '"matcher": "NothingAtAll"' } },
  ],
});
