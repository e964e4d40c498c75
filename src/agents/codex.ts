// Codex CLI PreToolUse hooks. Contract: codex-rs/hooks pre_tool_use.rs and the generated output schema
// (Codex 0.16x). Codex accepts only a deny decision from a PreToolUse hook: `ask`, `allow` without
// updatedInput, and unknown fields all mark the hook failed and let the command run. So confirm and
// approve are denied with a reason, allow prints nothing, and errors exit 2 with non-empty stderr.

import { claudeStyleRequest, notPreToolUse, type Adapter, type AgentRequest, type HookAnswer } from './types.js';

export const codex: Adapter = {
  name: 'codex',
  targets: 'Codex CLI 0.16x',
  canAsk: false,
  hookTimeout: { ms: 300_000, configurable: true, note: "Codex's per-hook `timeout`, in seconds, which airlock sets (Codex's default is 600 s); past it the command runs" },
  parse(payload): AgentRequest {
    return claudeStyleRequest('codex', payload);
  },
  answer(verdict, reason, request): HookAnswer {
    if (verdict === 'allow') return { stdout: '', stderr: '', exitCode: 0 };
    if (request.event !== 'PreToolUse') return notPreToolUse(verdict, reason, request.event);
    // Codex shows the reason followed by ". Command: …"; without this full stop that reads as one sentence.
    return {
      stdout: JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: reason.trimEnd().replace(/\.$/, '') } }) + '\n',
      stderr: '',
      exitCode: 0,
    };
  },
  fail(reason): HookAnswer {
    return { stdout: '', stderr: `airlock: ${reason}\n`, exitCode: 2 };
  },
};
