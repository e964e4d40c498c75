// A scripted model speaking the Gemini API the way Gemini CLI uses it: POST
// /v1beta/models/<model>:streamGenerateContent?alt=sse for conversation turns, :generateContent for
// helper requests, :countTokens, and the model list. Each main turn (a request declaring the
// run_shell_command function) gets the script's next functionCall; once every call has its
// functionResponse, a short text. Helper requests (routing, next-speaker and loop checks, summaries)
// get an answer that leaves the script where it was.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { endResponse, openSse, readTraced, ScriptProgress, sendJson, serveModel, toCalls, type ModelServer, type ScriptStep, type SeenRequest, type ToolCall } from './script.js';

const MODEL = 'gemini-2.5-pro';
const SIDE_TEXT = 'Scripted reply.';

/** The common case: a shell command as Gemini CLI's run_shell_command call. */
const shell = (command: string): ToolCall => ({ name: 'run_shell_command', input: { command } });

interface Part {
  text?: string;
  functionCall?: { name?: string; args?: unknown };
  functionResponse?: { name?: string; response?: unknown };
}
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  items?: JsonSchema;
  minimum?: number;
}
interface GenerateRequest {
  contents?: Array<{ role?: string; parts?: Part[] }>;
  tools?: Array<{ functionDeclarations?: Array<{ name?: string }> }>;
  generationConfig?: { responseMimeType?: string; responseJsonSchema?: JsonSchema; responseSchema?: JsonSchema };
}

/** What the agent told the model a call produced: its output or error text, else the whole response. */
function responseText(response: unknown): string {
  if (typeof response === 'string') return response;
  const r = (response ?? {}) as Record<string, unknown>;
  if (typeof r.output === 'string') return r.output;
  if (typeof r.error === 'string') return r.error;
  return JSON.stringify(response ?? '');
}

function functionResponses(body: GenerateRequest): string[] {
  const out: string[] = [];
  for (const content of body.contents ?? []) for (const part of content.parts ?? []) if (part.functionResponse) out.push(responseText(part.functionResponse.response));
  return out;
}

const isMainTurn = (body: GenerateRequest) => (body.tools ?? []).some((t) => (t.functionDeclarations ?? []).some((f) => f.name === 'run_shell_command'));

/**
 * The smallest value a helper request's JSON schema accepts. Where a choice is offered, the first
 * listed one: Gemini CLI lists `user` first as the next speaker, which ends the turn rather than
 * asking the model to go on.
 */
function sample(schema: JsonSchema | undefined): unknown {
  if (!schema) return {};
  if (schema.enum?.length) return schema.enum[0];
  const type = (Array.isArray(schema.type) ? schema.type[0] : schema.type)?.toLowerCase();
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, sample(value)]));
    case 'array':
      return [];
    case 'string':
      return SIDE_TEXT;
    case 'number':
    case 'integer':
      // The router's complexity score is checked to be at least 1, without saying so in the schema.
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return {};
  }
}

/** Plain text, or for a helper request that asks for JSON, a value its schema accepts. */
function sideText(body: GenerateRequest): string {
  const config = body.generationConfig ?? {};
  if (config.responseMimeType !== 'application/json') return SIDE_TEXT;
  return JSON.stringify(sample(config.responseJsonSchema ?? config.responseSchema));
}

const usageMetadata = { promptTokenCount: 12, candidatesTokenCount: 8, totalTokenCount: 20 };

function response(id: string, parts: Part[]) {
  return { candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }], usageMetadata, modelVersion: MODEL, responseId: id };
}

async function reply(res: ServerResponse, streamed: boolean, id: string, parts: Part[]): Promise<void> {
  if (!streamed) return sendJson(res, 200, response(id, parts));
  openSse(res);
  res.write(`data: ${JSON.stringify(response(id, parts))}\r\n\r\n`);
  await endResponse(res);
}

export interface GeminiModelOptions {
  /** Appends every request (path and body) to this file, for working out what an agent sends. */
  traceFile?: string;
}

export async function startGeminiModel(steps: ScriptStep[], options: GeminiModelOptions = {}): Promise<ModelServer> {
  const progress = new ScriptProgress(toCalls(steps, shell));
  let counter = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => {
    const body = ((await readTraced(req, options.traceFile)) ?? {}) as GenerateRequest;
    const path = (req.url ?? '').split('?')[0]!;
    const id = `airlock-e2e-${++counter}`;
    const method = /:(\w+)$/.exec(path)?.[1];
    if (method === 'countTokens') return sendJson(res, 200, { totalTokens: 12 });
    if (method === 'streamGenerateContent' || method === 'generateContent') {
      const streamed = method === 'streamGenerateContent';
      if (!isMainTurn(body)) {
        seen.kind = 'side';
        return reply(res, streamed, id, [{ text: sideText(body) }]);
      }
      seen.kind = 'main';
      const turn = progress.next(functionResponses(body));
      if (turn.kind === 'finish') return reply(res, streamed, id, [{ text: turn.text }]);
      await reply(res, streamed, id, [{ functionCall: { name: turn.call.name, args: turn.call.input } }]);
      return progress.sent(turn.index);
    }
    if (req.method === 'GET' && /\/models\/?$/.test(path))
      return sendJson(res, 200, { models: [{ name: `models/${MODEL}`, displayName: 'Scripted', supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'] }] });
    if (req.method === 'GET' && /\/models\/[^/:]+$/.test(path)) return sendJson(res, 200, { name: path.slice(path.indexOf('models/')), displayName: 'Scripted' });
    return sendJson(res, 200, {});
  };
  return serveModel(handle, progress);
}
