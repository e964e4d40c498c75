// A scripted model on loopback speaking the OpenAI Responses API as Codex uses it: POST /v1/responses,
// answered as server-sent events (response.created, response.output_item.added/done, response.completed).
// The script is a list of tool calls. Each turn request that offers the next call's tool gets that call as
// a `function_call` item; the request that carries its `function_call_output` has the output recorded;
// once the script is done, the model answers with a short final message. Requests that do not offer the
// tool (titles, summaries, anything else Codex asks on the side) get a short message and leave the
// script where it is.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';

export interface ToolCall {
  /** The tool's name as the agent offers it (Codex: exec_command). */
  name: string;
  /** The call's arguments (Codex's exec_command: { cmd }). */
  input: Record<string, unknown>;
}

interface RecordedRequest {
  method: string;
  path: string;
  at: number;
  body: unknown;
}

export interface ResponsesModel {
  /** The base URL to give the agent, ending in /v1. */
  baseUrl: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** For each tool call handed out, the output text the agent sent back ('' while none came). */
  toolResults(): string[];
  /** For each tool call handed out, ms from the end of the response carrying it to the agent's request with its output (NaN when none came). */
  callToNextRequestMs(): number[];
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

interface Handed {
  callId: string;
  sentAt: number;
  output?: string;
  ms?: number;
}

/** The body as text, whatever compression the agent chose. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const encoding = String(req.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip') return zlib.gunzipSync(raw).toString('utf8');
  if (encoding === 'deflate') return zlib.inflateSync(raw).toString('utf8');
  if (encoding === 'br') return zlib.brotliDecompressSync(raw).toString('utf8');
  if (encoding === 'zstd') {
    const zstd = (zlib as unknown as { zstdDecompressSync?: (b: Buffer) => Buffer }).zstdDecompressSync;
    if (!zstd) throw new Error('the agent sent a zstd body and this Node has no zstd');
    return zstd(raw).toString('utf8');
  }
  return raw.toString('utf8');
}

/** The text of a function_call_output's `output`: a string, or content items with text. */
function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (Array.isArray(output)) return output.map((part) => (part && typeof part === 'object' && typeof (part as Json).text === 'string' ? ((part as Json).text as string) : '')).join('');
  if (output && typeof output === 'object' && 'content' in output) return outputText((output as Json).content);
  return JSON.stringify(output ?? '');
}

function offersTool(body: Json, name: string): boolean {
  return Array.isArray(body.tools) && body.tools.some((t) => t && typeof t === 'object' && ((t as Json).name === name || ((t as Json).function as Json | undefined)?.name === name));
}

function sse(res: ServerResponse, events: Json[], done: () => void): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const event of events) res.write(`event: ${event.type as string}\ndata: ${JSON.stringify(event)}\n\n`);
  res.end(done);
}

function responseEvents(id: string, item: Json, text?: string): Json[] {
  const usage = { input_tokens: 10, input_tokens_details: { cached_tokens: 0 }, output_tokens: 5, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 15 };
  return [
    { type: 'response.created', sequence_number: 0, response: { id, object: 'response', status: 'in_progress', output: [] } },
    { type: 'response.output_item.added', sequence_number: 1, output_index: 0, item: { ...item, status: 'in_progress' } },
    ...(text !== undefined ? [{ type: 'response.output_text.delta', sequence_number: 2, item_id: item.id, output_index: 0, content_index: 0, delta: text }] : []),
    { type: 'response.output_item.done', sequence_number: 3, output_index: 0, item: { ...item, status: 'completed' } },
    { type: 'response.completed', sequence_number: 4, response: { id, object: 'response', status: 'completed', output: [item], usage } },
  ];
}

export async function startResponsesModel(calls: ToolCall[], options: { finalText?: string } = {}): Promise<ResponsesModel> {
  const requests: RecordedRequest[] = [];
  const handed: Handed[] = [];
  let serial = 0;

  const server = createServer((req, res) => {
    void (async () => {
      const at = Date.now();
      let body: Json = {};
      try {
        const text = await readBody(req);
        body = text ? (JSON.parse(text) as Json) : {};
      } catch (error) {
        requests.push({ method: req.method ?? '', path: req.url ?? '', at, body: String(error) });
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: (error as Error).message } }));
        return;
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', at, body });
      const path = (req.url ?? '').split('?')[0]!;

      if (req.method === 'GET' && path.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [] }));
        return;
      }
      if (req.method !== 'POST' || !path.endsWith('/responses')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no ${req.method} ${path} here` } }));
        return;
      }

      // Record the outputs of calls handed out earlier, the first time each comes back.
      for (const item of Array.isArray(body.input) ? body.input : []) {
        if (!item || typeof item !== 'object' || (item as Json).type !== 'function_call_output') continue;
        const call = handed.find((h) => h.callId === (item as Json).call_id);
        if (call && call.output === undefined) {
          call.output = outputText((item as Json).output);
          call.ms = at - call.sentAt;
        }
      }

      const id = `resp_${++serial}`;
      const next = calls[handed.length];
      if (next && offersTool(body, next.name)) {
        const callId = `call_${serial}`;
        const entry: Handed = { callId, sentAt: Number.NaN };
        handed.push(entry);
        const item = { type: 'function_call', id: `fc_${serial}`, call_id: callId, name: next.name, arguments: JSON.stringify(next.input) };
        sse(res, responseEvents(id, item), () => (entry.sentAt = Date.now()));
        return;
      }
      const text = options.finalText ?? 'Done.';
      sse(res, responseEvents(id, { type: 'message', id: `msg_${serial}`, role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }, text), () => undefined);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    toolResults: () => handed.map((h) => h.output ?? ''),
    callToNextRequestMs: () => handed.map((h) => h.ms ?? Number.NaN),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
