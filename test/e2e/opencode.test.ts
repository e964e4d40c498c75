// airlock in the real OpenCode program: the shared scenarios, and its own plugin out of the model's
// reach through OpenCode's file tools, which depend on the model: write and edit for most, one
// apply_patch tool for GPT models (a model name with `gpt-`, not gpt-4 or oss).
// Needs: the real agent program from npm, PostgreSQL and MariaDB on loopback (the unit run leaves this file out).

import { applyPatch, edit, openCodeDriver, openCodeDriverFor, openCodePluginFile, write } from './drivers/opencode.js';
import { agentScenarios, settingsOutOfReach } from './scenarios.js';

agentScenarios(openCodeDriver);

settingsOutOfReach({
  title: "the write and edit tools cannot change airlock's plugin, given its absolute path",
  driver: openCodeDriver,
  runTools: (sb, calls) => openCodeDriver.runTools(sb, calls),
  file: openCodePluginFile,
  control: (path) => write(path, 'notes\n'),
  attacks: (file) => [write(file, 'export const Airlock = async () => ({})\n'), edit(file, '"tool.execute.before"', '"tool.execute.never"')],
});

const gpt = openCodeDriverFor('gpt-5-airlock-e2e');
settingsOutOfReach({
  title: "with a GPT model, the apply_patch tool cannot delete airlock's plugin, given its absolute path",
  driver: gpt,
  runTools: (sb, calls) => gpt.runTools(sb, calls),
  file: openCodePluginFile,
  control: (path) => applyPatch(`*** Begin Patch\n*** Add File: ${path}\n+notes\n*** End Patch`),
  attacks: (file) => [applyPatch(`*** Begin Patch\n*** Delete File: ${file}\n*** End Patch`)],
});
