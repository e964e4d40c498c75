// A scripted model speaking the OpenAI Chat Completions wire format, as OpenCode (through
// @ai-sdk/openai-compatible) and Copilot CLI (bring-your-own-key, the openai JS client) use it:
// POST …/chat/completions, streamed as `data:` chunks ending in `data: [DONE]`. A main turn (a request
// offering tools) gets the script's next tool call; once every call has its result, a short text that
// ends the turn. Side requests (title generation, summaries: no tools offered) get plain text and leave
// the script where it was. The server also stands in as the agent's HTTP(S) proxy, so an attempt to
// reach past loopback is refused at once and written down.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { NPM_REGISTRY_PATH, readJson, sendJson, serveModel, type ModelServer, type SeenRequest, type ToolCall } from './script.js';

export type { ToolCall };

export interface ScriptedModel extends ModelServer {
  /** Base URL of the API including /v1, as both agents' provider settings want it. */
  baseUrl: string;
  model: string;
  /** Script problems, e.g. the agent did not offer the tool the script calls. */
  problems: string[];
}

export const MODEL_ID = 'airlock-e2e-model';
const FINAL_TEXT = 'Done.';
const SIDE_TEXT = 'Scripted session';

interface ChatMessage {
  role?: string;
  content?: unknown;
  tool_call_id?: string;
}
interface ChatRequest {
  stream?: boolean;
  tools?: Array<{ type?: string; function?: { name?: string } }>;
  messages?: ChatMessage[];
}

/** Tool message content: a string, or an array of text parts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : '')).join('\n');
  return '';
}

const offeredTools = (body: ChatRequest): string[] => (body.tools ?? []).map((t) => t.function?.name ?? '').filter(Boolean);

/** The call id the script uses for step `index`, so a result can be matched to its call whatever else the agent sends. */
const callId = (index: number) => `call_airlock_e2e_${index}`;

type Reply = { kind: 'text'; text: string } | { kind: 'call'; index: number; id: string; call: ToolCall };

/** A complete chat.completion, for a request that did not ask for a stream. */
function completion(reply: Reply) {
  const message =
    reply.kind === 'text'
      ? { role: 'assistant', content: reply.text }
      : { role: 'assistant', content: null, tool_calls: [{ id: reply.id, type: 'function', function: { name: reply.call.name, arguments: JSON.stringify(reply.call.input) } }] };
  return {
    id: 'chatcmpl-airlock-e2e',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: MODEL_ID,
    choices: [{ index: 0, message, finish_reason: reply.kind === 'text' ? 'stop' : 'tool_calls' }],
    usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 },
  };
}

/** The same reply as streamed chunks: role, content or the tool call (name, then arguments), finish, usage, [DONE]. */
function streamChunks(reply: Reply): unknown[] {
  const base = { id: 'chatcmpl-airlock-e2e', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: MODEL_ID };
  const choice = (delta: Record<string, unknown>, finish: string | null = null) => ({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
  const chunks: unknown[] = [];
  if (reply.kind === 'text') {
    chunks.push(choice({ role: 'assistant', content: '' }), choice({ content: reply.text }), choice({}, 'stop'));
  } else {
    chunks.push(
      choice({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: reply.id, type: 'function', function: { name: reply.call.name, arguments: '' } }] }),
      choice({ tool_calls: [{ index: 0, function: { arguments: JSON.stringify(reply.call.input) } }] }),
      choice({}, 'tool_calls'),
    );
  }
  chunks.push({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 } });
  return chunks;
}

async function send(res: ServerResponse, body: ChatRequest, reply: Reply): Promise<void> {
  if (body.stream !== true) return sendJson(res, 200, completion(reply));
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const chunk of streamChunks(reply)) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  await new Promise<void>((resolve) => res.end('data: [DONE]\n\n', resolve));
}

/**
 * The script's state, moved on only by what a main request carries: the result for the call handed
 * out last. An agent retrying a request gets the same call again; a side request never moves it.
 */
class Script {
  readonly toolResults: string[] = [];
  readonly callToNextRequestMs: number[] = [];
  readonly problems: string[] = [];
  private readonly sentAt: number[] = [];

  constructor(private readonly calls: ToolCall[]) {}

  reply(body: ChatRequest): Reply {
    const now = performance.now();
    const results = new Map<string, string>();
    for (const m of body.messages ?? []) if (m.role === 'tool' && typeof m.tool_call_id === 'string') results.set(m.tool_call_id, contentText(m.content));
    // Every call handed out so far whose result has now arrived: record it once, with its timing.
    for (let i = 0; i < this.sentAt.length; i++) {
      const result = results.get(callId(i));
      if (result === undefined || this.callToNextRequestMs[i] !== undefined) continue;
      this.toolResults[i] = result;
      this.callToNextRequestMs[i] = Math.round(now - this.sentAt[i]!);
    }
    // The first call without a result: a new one, or the last one again for an agent that retried.
    let index = 0;
    while (this.callToNextRequestMs[index] !== undefined) index++;
    if (index >= this.calls.length) return { kind: 'text', text: FINAL_TEXT };
    const call = this.calls[index]!;
    if (!offeredTools(body).includes(call.name)) this.problems.push(`the agent did not offer the tool \`${call.name}\` (offered: ${offeredTools(body).join(', ')})`);
    return { kind: 'call', index, id: callId(index), call };
  }

  /** The response carrying a reply has been written to the end. */
  sent(reply: Reply): void {
    if (reply.kind !== 'call' || this.sentAt[reply.index] !== undefined) return; // a retry keeps the first time
    this.sentAt[reply.index] = performance.now();
    this.toolResults[reply.index] = '';
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, seen: SeenRequest, script: Script): Promise<void> {
  seen.body = await readJson(req);
  const path = (req.url ?? '').split('?')[0]!;
  if (req.method === 'GET' && path.endsWith('/models')) {
    seen.kind = 'models';
    return sendJson(res, 200, { object: 'list', data: [{ id: MODEL_ID, object: 'model', created: 0, owned_by: 'airlock-e2e' }] });
  }
  if (req.method === 'POST' && path.endsWith('/chat/completions')) {
    const body = (seen.body ?? {}) as ChatRequest;
    const main = offeredTools(body).length > 0;
    seen.kind = main ? 'main' : 'side';
    const reply: Reply = main ? script.reply(body) : { kind: 'text', text: SIDE_TEXT };
    await send(res, body, reply);
    script.sent(reply);
    return;
  }
  // Anything else the agent asks at start-up (a probe, telemetry): a harmless empty answer.
  return sendJson(res, 404, { error: { message: `the scripted model does not serve ${req.method} ${path}` } });
}

/** Starts the scripted model on 127.0.0.1, on a free port. */
export async function startOpenAIChatModel(calls: ToolCall[]): Promise<ScriptedModel> {
  const script = new Script(calls);
  const server = await serveModel((req, res, seen) => handle(req, res, seen, script), script, {
    // The drivers point the npm registry here too: an install attempt is leaving loopback.
    offLimits: (path) => path.startsWith(NPM_REGISTRY_PATH),
    failed: (error, seen) => {
      script.problems.push(`the model server failed on ${seen.method} ${seen.path}: ${String(error)}`);
      return { error: { message: String(error) } };
    },
  });
  return { ...server, baseUrl: `${server.url}/v1`, model: MODEL_ID, problems: script.problems };
}
