// What every scripted model server shares: the script (tool calls handed out one per turn), the
// bookkeeping of what the agent sent back and how long it took, and the plumbing of a loopback HTTP
// server that also stands in as the agent's HTTP(S) proxy, so any attempt to leave loopback is refused
// and written down instead of silently reaching (or waiting for) the internet.

import { appendFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One tool call the model hands out, in the agent's own tool vocabulary. */
export interface ToolCall {
  name: string;
  input: Record<string, unknown>;
}

/** A script step: a shell command (the agent's own shell tool, the common case) or any tool call. */
export type ScriptStep = string | ToolCall;

/** A request the server saw, for diagnosing a run that went wrong. */
export interface SeenRequest {
  method: string;
  path: string;
  /** `main`: a turn of the conversation the script drives; `side`: a helper request (titles, checks). */
  kind: 'main' | 'side' | 'models' | 'other' | 'off-loopback';
  at: number;
  /** The request's JSON body, where the server keeps it for diagnosis. */
  body?: unknown;
}

export interface ModelServer {
  /** Base URL of the API, e.g. http://127.0.0.1:41234 */
  url: string;
  /** For each tool call handed out, in order, the text the agent sent back; '' when none came. */
  toolResults: string[];
  /** For each tool call, ms from the end of the response carrying it to the agent's next main request. */
  callToNextRequestMs: number[];
  /** Every request, in arrival order. */
  requests: SeenRequest[];
  /** Hosts the agent tried to reach through the proxy (never forwarded). */
  offLoopback: string[];
  close(): Promise<void>;
}

/** What the model says on a main turn: the next tool call, or the closing text. */
export type Turn = { kind: 'call'; index: number; call: ToolCall } | { kind: 'finish'; text: string };

const FINAL_TEXT = 'Done.';

/** Where the drivers point npm's registry, so an install attempt by an agent shows up as leaving loopback. */
export const NPM_REGISTRY_PATH = '/npm-registry-is-off-limits/';

/**
 * The script's state, driven by what each main request carries rather than by counting requests:
 * an agent that retries a request gets the same answer again, and a side request never moves it on.
 */
export class ScriptProgress {
  readonly toolResults: string[] = [];
  readonly callToNextRequestMs: number[] = [];
  private readonly sentAt: number[] = [];

  constructor(private readonly calls: ToolCall[]) {}

  /** A main request arrived carrying `results`, the tool results so far in conversation order. */
  next(results: string[]): Turn {
    const now = performance.now();
    results.forEach((text, i) => {
      if (i >= this.sentAt.length) return; // not one of ours
      this.toolResults[i] = text;
      if (this.callToNextRequestMs[i] === undefined) this.callToNextRequestMs[i] = Math.round(now - this.sentAt[i]!);
    });
    const index = results.length;
    if (index < this.calls.length) return { kind: 'call', index, call: this.calls[index]! };
    return { kind: 'finish', text: FINAL_TEXT };
  }

  /** The response handing out call `index` has been fully written. */
  sent(index: number): void {
    if (this.sentAt[index] !== undefined) return; // a retry: keep the first time
    this.sentAt[index] = performance.now();
    this.toolResults[index] ??= '';
  }
}

export function toCalls(steps: ScriptStep[], shell: (command: string) => ToolCall): ToolCall[] {
  return steps.map((s) => (typeof s === 'string' ? shell(s) : s));
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Sends a JSON response; resolves once its last byte has been handed to the socket. */
export function sendJson(res: ServerResponse, status: number, body: unknown): Promise<void> {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  return new Promise((resolve) => res.end(text, resolve));
}

/** The request's JSON body, also appended to `traceFile` with its method and path when one is given. */
export async function readTraced(req: IncomingMessage, traceFile: string | undefined): Promise<unknown> {
  const body = await readJson(req);
  if (traceFile) appendFileSync(traceFile, JSON.stringify({ method: req.method, path: req.url, body }) + '\n');
  return body;
}

/** Opens a server-sent-events response; the caller writes `data:` frames and ends it. */
export function openSse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
}

/** Ends the response and resolves once its last byte has been handed to the socket. */
export function endResponse(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => res.end(resolve));
}

type Handler = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => Promise<void>;

interface ServeOptions {
  /** Paths on this server that stand for somewhere else (the npm registry the drivers point here): refused as leaving loopback. */
  offLimits?: (path: string) => boolean;
  /** The body of the 500 answer when the handler fails (and the place to note it). */
  failed?: (error: unknown, seen: SeenRequest) => unknown;
}

/**
 * Listens on 127.0.0.1 on a free port. A request for an absolute URL or a CONNECT is the agent using
 * this server as its proxy (HTTP(S)_PROXY point here): it is recorded and refused, never forwarded.
 */
export async function serveModel(handle: Handler, progress: Pick<ScriptProgress, 'toolResults' | 'callToNextRequestMs'>, options: ServeOptions = {}): Promise<ModelServer> {
  const requests: SeenRequest[] = [];
  const offLoopback: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const seen: SeenRequest = { method: req.method ?? '', path: req.url ?? '', kind: 'other', at: Date.now() };
    requests.push(seen);
    if (/^https?:\/\//i.test(seen.path) || options.offLimits?.(seen.path)) {
      seen.kind = 'off-loopback';
      offLoopback.push(seen.path);
      req.resume();
      void sendJson(res, 403, { error: 'airlock e2e: no internet here' });
      return;
    }
    handle(req, res, seen).catch((error: unknown) => {
      const body = options.failed ? options.failed(error, seen) : { error: String(error) };
      if (!res.headersSent) void sendJson(res, 500, body);
      else res.destroy();
    });
  });
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    requests.push({ method: 'CONNECT', path: req.url ?? '', kind: 'off-loopback', at: Date.now() });
    offLoopback.push(req.url ?? '');
    socket.on('error', () => undefined); // the agent may reset the tunnel it was refused
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    toolResults: progress.toolResults,
    callToNextRequestMs: progress.callToNextRequestMs,
    requests,
    offLoopback,
    close: () =>
      new Promise<void>((resolve) => {
        // An agent killed mid-stream can leave keep-alive sockets open; close would wait for them.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
