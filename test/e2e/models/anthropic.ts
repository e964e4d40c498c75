// A scripted model speaking the Anthropic Messages API the way Claude Code uses it: POST /v1/messages,
// streamed as server-sent events. Each main turn (a request offering the Bash tool) gets the script's
// next tool call; once every call has its tool_result, a short text ending the turn. Side requests
// (title generation, quota probes, summaries: no Bash tool offered) get plain text and leave the
// script where it was.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { endResponse, openSse, readTraced, ScriptProgress, sendJson, serveModel, toCalls, type ModelServer, type ScriptStep, type SeenRequest, type ToolCall } from './script.js';

const MODEL = 'claude-sonnet-4-5';
const SIDE_TEXT = 'Scripted reply.';

/** The common case: a shell command as Claude Code's Bash tool call. */
const bash = (command: string): ToolCall => ({ name: 'Bash', input: { command } });

interface ContentBlock {
  type?: string;
  text?: string;
  content?: unknown;
  name?: string;
}
interface MessagesRequest {
  model?: string;
  stream?: boolean;
  tools?: Array<{ name?: string }>;
  messages?: Array<{ role?: string; content?: string | ContentBlock[] }>;
}

/** The text of a tool_result block: a string, or text blocks (images and the like dropped). */
function resultText(block: ContentBlock): string {
  if (typeof block.content === 'string') return block.content;
  if (Array.isArray(block.content)) return (block.content as ContentBlock[]).map((b) => (typeof b.text === 'string' ? b.text : '')).join('\n');
  return '';
}

function toolResults(body: MessagesRequest): string[] {
  const out: string[] = [];
  for (const message of body.messages ?? []) {
    if (message.role !== 'user' || !Array.isArray(message.content)) continue;
    for (const block of message.content) if (block.type === 'tool_result') out.push(resultText(block));
  }
  return out;
}

const isMainTurn = (body: MessagesRequest) => (body.tools ?? []).some((t) => t.name === 'Bash');

type Block = { type: 'text'; text: string } | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

const usage = { input_tokens: 12, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

/** A complete assistant message, for the (rare) non-streamed request. */
function message(id: string, model: string, blocks: Block[], stopReason: string) {
  return { id, type: 'message', role: 'assistant', model, content: blocks, stop_reason: stopReason, stop_sequence: null, usage };
}

/** The same message as the SSE event sequence the Messages API streams. */
async function stream(res: ServerResponse, id: string, model: string, blocks: Block[], stopReason: string): Promise<void> {
  const event = (type: string, data: Record<string, unknown>) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  openSse(res);
  event('message_start', { message: { ...message(id, model, [], stopReason), stop_reason: null } });
  blocks.forEach((block, index) => {
    if (block.type === 'text') {
      event('content_block_start', { index, content_block: { type: 'text', text: '' } });
      event('content_block_delta', { index, delta: { type: 'text_delta', text: block.text } });
    } else {
      event('content_block_start', { index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } });
      event('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) } });
    }
    event('content_block_stop', { index });
  });
  event('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 8 } });
  event('message_stop', {});
  await endResponse(res);
}

async function reply(req: MessagesRequest, res: ServerResponse, id: string, blocks: Block[], stopReason: string): Promise<void> {
  const model = req.model ?? MODEL;
  if (req.stream) await stream(res, id, model, blocks, stopReason);
  else await sendJson(res, 200, message(id, model, blocks, stopReason));
}

export interface AnthropicModelOptions {
  /** Appends every request (path and body) to this file, for working out what an agent sends. */
  traceFile?: string;
}

export async function startAnthropicModel(steps: ScriptStep[], options: AnthropicModelOptions = {}): Promise<ModelServer> {
  const progress = new ScriptProgress(toCalls(steps, bash));
  let counter = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => {
    const body = ((await readTraced(req, options.traceFile)) ?? {}) as MessagesRequest;
    const path = (req.url ?? '').split('?')[0]!;
    const id = `msg_airlock_${++counter}`;
    if (req.method === 'POST' && path.endsWith('/v1/messages/count_tokens')) return sendJson(res, 200, { input_tokens: 12 });
    if (req.method === 'POST' && path.endsWith('/v1/messages')) {
      if (!isMainTurn(body)) {
        seen.kind = 'side';
        return reply(body, res, id, [{ type: 'text', text: SIDE_TEXT }], 'end_turn');
      }
      seen.kind = 'main';
      const turn = progress.next(toolResults(body));
      if (turn.kind === 'finish') return reply(body, res, id, [{ type: 'text', text: turn.text }], 'end_turn');
      await reply(body, res, id, [{ type: 'tool_use', id: `toolu_airlock_${turn.index}`, name: turn.call.name, input: turn.call.input }], 'tool_use');
      return progress.sent(turn.index);
    }
    if (req.method === 'GET' && /\/v1\/models\/?$/.test(path)) {
      const model = { type: 'model', id: MODEL, display_name: 'Scripted', created_at: '2025-01-01T00:00:00Z' };
      return sendJson(res, 200, { data: [model], has_more: false, first_id: MODEL, last_id: MODEL });
    }
    if (req.method === 'GET' && /\/v1\/models\/[^/]+$/.test(path)) {
      const modelId = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
      return sendJson(res, 200, { type: 'model', id: modelId, display_name: modelId, created_at: '2025-01-01T00:00:00Z' });
    }
    // Anything else Claude Code asks at start-up (settings, feature flags): an empty, harmless answer.
    return sendJson(res, 200, {});
  };
  return serveModel(handle, progress);
}
