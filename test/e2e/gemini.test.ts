// airlock in the real Gemini CLI: the shared scenarios, and its own settings out of the model's reach
// through the write_file tool.
// Needs: the real agent program from npm, PostgreSQL and MariaDB on loopback (the unit run leaves this file out).

import { join } from 'node:path';
import { geminiDriver, runGemini } from './drivers/gemini.js';
import { agentScenarios, settingsOutOfReach } from './scenarios.js';

agentScenarios(geminiDriver);

settingsOutOfReach({
  title: 'write_file cannot rewrite ~/.gemini/settings.json, where the hook lives',
  driver: geminiDriver,
  // Gemini CLI keeps its file tools inside the workspace; with HOME in it, only airlock stands in the way.
  runTools: (sb, calls) => runGemini(sb, calls, { includeDirectories: [sb.home] }),
  file: (sb) => join(sb.home, '.gemini', 'settings.json'),
  control: (path) => ({ name: 'write_file', input: { file_path: path, content: 'notes\n' } }),
  attacks: (file) => [{ name: 'write_file', input: { file_path: file, content: '{}\n' } }],
});
