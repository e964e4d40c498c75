// Drives the real Gemini CLI (at its pinned version) headless in YOLO mode against the scripted Gemini
// model on loopback: every tool call is approved by the agent itself, so airlock's BeforeTool hook is
// the only thing that can stop one.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentBinary, type AgentDriver, type Sandbox } from '../harness.js';
import { startGeminiModel } from '../models/gemini.js';
import type { ModelServer, ScriptStep } from '../models/script.js';
import { loopbackOnly, runAgainst, runProgram, type ScriptedRun } from './process.js';

const PROMPT = 'Carry out the task in this project.';

/** A user's ~/.gemini/settings.json: an API key login, and nothing that phones home. */
const USER_SETTINGS = {
  security: { auth: { selectedType: 'gemini-api-key' } },
  general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
  privacy: { usageStatisticsEnabled: false },
  telemetry: { enabled: false },
};

function environment(sb: Sandbox, model: ModelServer): Record<string, string> {
  return {
    ...sb.env,
    GOOGLE_GEMINI_BASE_URL: model.url,
    GEMINI_API_KEY: 'airlock-e2e-key',
    ...loopbackOnly(model.url),
  };
}

/** Runs one `gemini -p` session in which the model hands out `steps` in order. */
export async function runGemini(sb: Sandbox, steps: ScriptStep[], options: { traceFile?: string; includeDirectories?: string[] } = {}): Promise<ScriptedRun> {
  const binary = agentBinary('gemini');
  if (!binary) throw new Error('Gemini CLI is not installed in test/e2e/agents');
  const model = await startGeminiModel(steps, options);
  const args = ['--yolo', '--skip-trust', '-o', 'stream-json', ...(options.includeDirectories ?? []).flatMap((d) => ['--include-directories', d]), '-p', PROMPT];
  return runAgainst(model, () => runProgram(binary, args, sb.project, environment(sb, model)));
}

export const geminiDriver: AgentDriver = {
  agent: 'gemini',
  // Written before `airlock init`, which merges its hook into this same file.
  configure(sb) {
    mkdirSync(join(sb.home, '.gemini'), { recursive: true });
    writeFileSync(join(sb.home, '.gemini', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2) + '\n');
  },
  run: (sb, commands) => runGemini(sb, commands),
};
