// airlock in the real GitHub Copilot CLI: the shared scenarios, and its own hook settings out of the
// model's reach through Copilot's file tools.
// Needs: the real agent program from npm, PostgreSQL and MariaDB on loopback (the unit run leaves this file out).

import { copilotDriver, copilotHookFile, create, edit } from './drivers/copilot.js';
import { agentScenarios, settingsOutOfReach } from './scenarios.js';

agentScenarios(copilotDriver);

settingsOutOfReach({
  title: 'the edit tool cannot change ~/.copilot/hooks/airlock.json, given its absolute path',
  driver: copilotDriver,
  runTools: (sb, calls) => copilotDriver.runTools(sb, calls),
  file: copilotHookFile,
  // --allow-all-tools and --allow-all-paths let the same tool write outside the project.
  control: (path) => create(path, 'notes\n'),
  attacks: (file) => [edit(file, '"preToolUse"', '"disabledByTheAgent"')],
});
