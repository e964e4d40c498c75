// Sending one message: an HTTP POST with node:http or node:https (the global fetch costs ~150 ms to load
// on Node 20), with a time limit. What came of it says whether trying again could help.

import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Message } from './formats.js';

export type PostResult = { ok: true; status: number } | { ok: false; error: string; retry: boolean };

/** A receiver that has not answered in this long is counted as down, and tried again later. */
const POST_TIMEOUT_MS = 15_000;

export type Post = (url: string, message: Message) => Promise<PostResult>;

export const post: Post = (url, message) =>
  new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ ok: false, error: 'the webhook address is not a URL', retry: false });
      return;
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = Buffer.from(message.body, 'utf8');
    const req = send(target, { method: 'POST', headers: { ...message.headers, 'content-length': String(body.length), 'user-agent': 'airlock-notify' }, timeout: POST_TIMEOUT_MS }, (res) => {
      const status = res.statusCode ?? 0;
      let answer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (answer.length < 300) answer += chunk;
      });
      res.on('end', () => {
        if (status >= 200 && status < 300) resolve({ ok: true, status });
        // Too many requests, a timeout or a server error may pass; any other refusal will not.
        else resolve({ ok: false, error: `HTTP ${status}${answer.trim() ? `: ${answer.trim().slice(0, 200)}` : ''}`, retry: status === 408 || status === 429 || status >= 500 });
      });
      res.on('error', (error) => resolve({ ok: false, error: `the answer broke off: ${error.message}`, retry: true }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${POST_TIMEOUT_MS / 1000}s`)));
    req.on('error', (error) => resolve({ ok: false, error: error.message || String(error), retry: true }));
    req.end(body);
  });
