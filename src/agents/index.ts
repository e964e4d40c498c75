// Every agent adapter, by the name used in `airlock hook <agent>`.

import { claudeCode } from './claude-code.js';
import { codex } from './codex.js';
import { copilot } from './copilot.js';
import { cursor } from './cursor.js';
import { gemini } from './gemini.js';
import { opencode } from './opencode.js';
import type { Adapter, AgentName } from './types.js';
import { windsurf } from './windsurf.js';

export const adapters: Record<AgentName, Adapter> = { 'claude-code': claudeCode, codex, gemini, cursor, copilot, opencode, windsurf };

/** Names people type: `claude` works as well as `claude-code`. */
export function adapterFor(name: string): Adapter | undefined {
  const aliases: Record<string, AgentName> = { claude: 'claude-code', 'gemini-cli': 'gemini', 'copilot-cli': 'copilot', 'codex-cli': 'codex' };
  return adapters[(aliases[name] ?? name) as AgentName];
}
