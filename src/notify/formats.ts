// How a notice is shaped for each kind of receiver: a Slack incoming webhook (Block Kit), a generic JSON
// webhook signed with HMAC-SHA256, a Discord webhook (an embed) and an ntfy topic. Pure: a notice, the
// webhook and the time in; the body and headers to POST out.

import { createHmac } from 'node:crypto';
import type { Webhook } from '../policy/policy.js';
import { consequences, headline, type Notice } from './notice.js';

export interface Message {
  headers: Record<string, string>;
  body: string;
}

/** The header carrying the generic format's signature, and the one carrying the time it signs. */
const SIGNATURE_HEADER = 'x-airlock-signature';
const TIMESTAMP_HEADER = 'x-airlock-timestamp';

/** Slack shows at most 3,000 characters in a text block; a longer command is cut, and says so. */
const SLACK_TEXT_MAX = 2_900;

const JSON_TYPE = { 'content-type': 'application/json' };

export function messageFor(webhook: Pick<Webhook, 'format' | 'secret'>, notice: Notice, now: number): Message {
  switch (webhook.format) {
    case 'slack':
      return { headers: JSON_TYPE, body: JSON.stringify(slack(notice)) };
    case 'discord':
      return { headers: JSON_TYPE, body: JSON.stringify(discord(notice)) };
    case 'ntfy':
      return ntfy(notice);
    case 'json':
      return signed(JSON.stringify(generic(notice)), webhook.secret, now);
  }
}

/**
 * The signature a receiver checks: HMAC-SHA256, keyed with the webhook's secret, of
 * `<timestamp>.<body>`, where the timestamp is the X-Airlock-Timestamp header (seconds since the epoch),
 * so a captured message can't be replayed later with a new time. Sent as `sha256=<hex>`.
 */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

function signed(body: string, secret: string | undefined, now: number): Message {
  const timestamp = String(Math.floor(now / 1000));
  return { headers: { ...JSON_TYPE, [TIMESTAMP_HEADER]: timestamp, ...(secret ? { [SIGNATURE_HEADER]: signature(secret, timestamp, body) } : {}) }, body };
}

/** The generic payload: every field of the notice, under a versioned type. */
function generic(n: Notice) {
  return {
    type: `airlock.${n.kind}`,
    version: 1,
    delivery: `${n.position}`,
    at: new Date(n.at).toISOString(),
    summary: headline(n),
    request: {
      id: n.id,
      command: n.command,
      agent: n.agent,
      session: n.session,
      cwd: n.cwd,
      environment: n.environment,
      evidence: n.evidence,
      findings: n.findings,
      expiresAt: new Date(n.expiresAt).toISOString(),
      link: n.link,
    },
    ...(n.by ? { decision: { by: n.by, ...(n.via ? { via: n.via } : {}), ...(n.reason ? { reason: n.reason } : {}) } } : {}),
  };
}

/** `text` in at most `max` characters, saying so when it had to be cut (a receiver refuses a longer field outright). */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = `… (cut: ${text.length} characters in all)`;
  return `${text.slice(0, Math.max(0, max - note.length))}${note}`;
}

/** Slack's mrkdwn treats &, < and > as markup; everything else is shown as typed. */
const slackText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A command in a code block: a ``` inside it would end the block early, so it is broken up. */
const codeBlock = (text: string) => '```' + text.replace(/```/g, '`\u200b``') + '```';

function slack(n: Notice) {
  const lines = consequences(n);
  return {
    text: headline(n),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(headline(n), 140), emoji: false } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Environment*\n${slackText(n.environment)}` },
          { type: 'mrkdwn', text: `*Agent*\n${slackText(n.agent)}${n.session ? ` (session ${slackText(n.session)})` : ''}` },
          // A field holds at most 2,000 characters.
          { type: 'mrkdwn', text: `*Directory*\n${cut(slackText(n.cwd), 1_900)}` },
          { type: 'mrkdwn', text: `*Request*\n${slackText(n.id)}` },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: `*Command*\n${codeBlock(cut(slackText(n.command), SLACK_TEXT_MAX))}` } },
      ...(lines.length ? [{ type: 'section', text: { type: 'mrkdwn', text: cut(`*What it does*\n${lines.map((l) => `• ${slackText(l)}`).join('\n')}`, SLACK_TEXT_MAX) } }] : []),
      ...(n.reason ? [{ type: 'section', text: { type: 'mrkdwn', text: `*Reason*\n${cut(slackText(n.reason), SLACK_TEXT_MAX)}` } }] : []),
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open on the dashboard' }, url: n.link }] },
    ],
  };
}

/** Discord's embed colours: red for what waits or ran, green approved, grey otherwise. */
const DISCORD_COLOURS: Record<Notice['kind'], number> = { held: 0xd13438, ran: 0xd13438, approved: 0x107c10, denied: 0x605e5c, expired: 0x605e5c };

function discord(n: Notice) {
  const lines = consequences(n);
  return {
    content: cut(headline(n), 1_900),
    // Nobody is pinged by a command's text, whatever it holds.
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: cut(`Request ${n.id}`, 250),
        url: n.link,
        color: DISCORD_COLOURS[n.kind],
        // Discord refuses an embed over 6,000 characters in all: 2,500 here and at most 1,000 in each of three long fields.
        description: codeBlock(cut(n.command, 2_500)),
        fields: [
          { name: 'Environment', value: cut(n.environment, 1_000), inline: true },
          { name: 'Agent', value: cut(n.agent, 1_000), inline: true },
          { name: 'Directory', value: cut(n.cwd, 1_000), inline: false },
          ...(lines.length ? [{ name: 'What it does', value: cut(lines.join('\n'), 1_000), inline: false }] : []),
          ...(n.reason ? [{ name: 'Reason', value: cut(n.reason, 1_000), inline: false }] : []),
        ],
        timestamp: new Date(n.at).toISOString(),
      },
    ],
  };
}

/** ntfy: the message as the body, the rest in its headers (a header holds no line breaks or non-ASCII). */
function ntfy(n: Notice): Message {
  const header = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
  return {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      title: header(headline(n)),
      priority: n.kind === 'held' || n.kind === 'ran' ? 'high' : 'default',
      tags: n.kind === 'held' ? 'warning' : n.kind === 'ran' ? 'rotating_light' : 'information_source',
      click: header(n.link),
    },
    body: [`${n.command}`, `in ${n.cwd} (${n.environment}), from ${n.agent}`, ...consequences(n), ...(n.reason ? [`reason: ${n.reason}`] : [])].join('\n'),
  };
}
