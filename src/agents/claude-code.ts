// Claude Code PreToolUse / PostToolUse hooks. Contract: Claude Code 2.1.x documentation (hooks.md,
// snapshot 2026-08-22, 2.1.240). Allow prints nothing; confirm asks in Claude's own UI; approve and
// deny block with the reason (shown to Claude). Errors exit 2 with the reason on stderr, which blocks:
// any other exit code would let the command run. PermissionRequest (the agent is about to ask its user)
// answers with its own decision schema; any other event gets exit 2 when what it carries is not allowed.

import { claudeStyleRequest, notPreToolUse, type Adapter, type AgentRequest, type HookAnswer } from './types.js';

export const claudeCode: Adapter = {
  name: 'claude-code',
  targets: 'Claude Code 2.1.x',
  canAsk: true,
  hookTimeout: { ms: 300_000, configurable: true, note: "Claude Code's per-hook `timeout`, in seconds, which airlock sets (Claude's default is 600 s); past it the command runs" },
  parse(payload): AgentRequest {
    return claudeStyleRequest('claude-code', payload);
  },
  answer(verdict, reason, request): HookAnswer {
    if (verdict === 'allow') return { stdout: '', stderr: '', exitCode: 0 };
    if (request.event === 'PreToolUse') {
      const decision = verdict === 'confirm' ? 'ask' : 'deny';
      return { stdout: JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision, permissionDecisionReason: cap(reason) } }) + '\n', stderr: '', exitCode: 0 };
    }
    return notPreToolUse(verdict, reason, request.event, cap);
  },
  fail(reason): HookAnswer {
    return { stdout: '', stderr: cap(`airlock: ${reason}`) + '\n', exitCode: 2 };
  },
};

/** Claude Code caps hook output strings at 10,000 characters. */
function cap(text: string): string {
  return text.length > 9_900 ? text.slice(0, 9_900) + '…' : text;
}
