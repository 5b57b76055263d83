// Turns a reply (text, thinking, usage) into the Messages API's wire formats: the SSE event sequence
// of a streamed reply and the JSON body of a non-streamed one, field for field as in
// shared/docs/anthropic-api.md and the SDK 1.12 types.
import type { ReplyKnobs, UsageKnobs } from './scenarios';
import { lastUserText, promptTokens, textTokens } from './promptTokens';

/** A reply with every default filled in. */
export interface ResolvedReply {
  id: string;
  model: string;
  text: string;
  thinking: string;
  signature: string;
  /** Usage as reported in `message_start` (output_tokens as the final count; the start event reports 1). */
  usage: Required<UsageKnobs>;
  finalUsage: Record<'input_tokens' | 'cache_creation_input_tokens' | 'cache_read_input_tokens', number | null> & {
    output_tokens: number;
  };
  stopReason: string;
  chunkSize: number;
}

/** Longest user text the default reply echoes back. */
const maxEcho = 500;

/** Fills in the defaults of `knobs` for a request `body`; `serial` makes the message id unique per server. */
export function resolveReply(body: Record<string, unknown>, knobs: ReplyKnobs, serial: number): ResolvedReply {
  const said = lastUserText(body);
  const text = knobs.text ?? `You said: ${said.length > maxEcho ? `${said.slice(0, maxEcho)}…` : said}`;
  const thinkingType = (body.thinking as { type?: unknown } | undefined)?.type;
  const thinkingRequested = thinkingType === 'enabled' || thinkingType === 'adaptive';
  const thinking = knobs.thinking ?? (thinkingRequested ? `The user wrote ${said.length} characters. A short, direct answer fits.` : '');
  const cacheCreation = knobs.usage?.cache_creation ?? {
    ephemeral_5m_input_tokens: knobs.usage?.cache_creation_input_tokens ?? 0,
    ephemeral_1h_input_tokens: 0,
  };
  const usage: Required<UsageKnobs> = {
    input_tokens: knobs.usage?.input_tokens ?? promptTokens(body),
    output_tokens: knobs.usage?.output_tokens ?? Math.max(1, textTokens(thinking) + textTokens(text)),
    cache_creation_input_tokens:
      knobs.usage?.cache_creation_input_tokens ?? cacheCreation.ephemeral_5m_input_tokens + cacheCreation.ephemeral_1h_input_tokens,
    cache_read_input_tokens: knobs.usage?.cache_read_input_tokens ?? 0,
    cache_creation: cacheCreation,
    server_tool_use: knobs.usage?.server_tool_use ?? { web_search_requests: 0, web_fetch_requests: 0 },
    service_tier: knobs.usage?.service_tier ?? 'standard',
  };
  return {
    id: `msg_01Fake${String(serial).padStart(16, '0')}`,
    model: knobs.model ?? (typeof body.model === 'string' ? body.model : 'claude-sonnet-4-5'),
    text,
    thinking,
    signature: thinking ? Buffer.from(`fake-signature:${serial}:${thinking.length}`).toString('base64') : '',
    usage,
    finalUsage: {
      input_tokens: usage.input_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      output_tokens: usage.output_tokens,
      ...knobs.finalUsage,
    },
    stopReason: knobs.stopReason ?? 'end_turn',
    chunkSize: Math.max(1, knobs.chunkSize ?? 16),
  };
}

/** One SSE event, plus how many characters of the reply text have been streamed once it is sent. */
export interface PlannedEvent {
  event: string;
  data: unknown;
  textCharsSent: number;
  /** True for the text block's `content_block_start`: a fault "after 0 characters" comes right after it. */
  textBlockStart?: boolean;
}

/** `event: <name>\ndata: <json>\n\n`, the exact framing of the API's stream. */
export function formatSse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Splits text into deltas of `size` characters without cutting a surrogate pair in half. */
function chunks(text: string, size: number): string[] {
  const characters = [...text];
  const result: string[] = [];
  for (let i = 0; i < characters.length; i += size) result.push(characters.slice(i, i + size).join(''));
  return result;
}

/** The full event sequence of a streamed reply, in the API's order. */
export function replyEvents(reply: ResolvedReply, pingEvery?: number): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  let textCharsSent = 0;
  let deltas = 0;
  const push = (event: string, data: unknown, extra: Partial<PlannedEvent> = {}) => events.push({ event, data, textCharsSent, ...extra });
  const delta = (index: number, payload: Record<string, string>) => {
    push('content_block_delta', { type: 'content_block_delta', index, delta: payload });
    deltas++;
    if (pingEvery && deltas % pingEvery === 0) push('ping', { type: 'ping' });
  };

  push('message_start', {
    type: 'message_start',
    message: {
      id: reply.id,
      type: 'message',
      role: 'assistant',
      content: [],
      model: reply.model,
      stop_reason: null,
      stop_sequence: null,
      usage: { ...reply.usage, output_tokens: Math.min(1, reply.usage.output_tokens) },
    },
  });
  let index = 0;
  let pinged = false;
  const pingOnce = () => {
    if (!pinged) push('ping', { type: 'ping' });
    pinged = true;
  };
  if (reply.thinking) {
    push('content_block_start', { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
    pingOnce();
    for (const piece of chunks(reply.thinking, reply.chunkSize)) delta(index, { type: 'thinking_delta', thinking: piece });
    delta(index, { type: 'signature_delta', signature: reply.signature });
    push('content_block_stop', { type: 'content_block_stop', index });
    index++;
  }
  push('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }, { textBlockStart: true });
  pingOnce();
  for (const piece of chunks(reply.text, reply.chunkSize)) {
    textCharsSent += [...piece].length;
    delta(index, { type: 'text_delta', text: piece });
  }
  push('content_block_stop', { type: 'content_block_stop', index });
  push('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: reply.stopReason, stop_sequence: null },
    usage: { ...reply.finalUsage, server_tool_use: reply.usage.server_tool_use },
  });
  push('message_stop', { type: 'message_stop' });
  return events;
}

/** Index of the last event to send before a mid-stream fault that strikes after `afterChars` characters of text. */
export function faultIndex(events: readonly PlannedEvent[], afterChars: number): number {
  const start = events.findIndex((planned) => planned.textBlockStart);
  if (afterChars <= 0) return start;
  const index = events.findIndex((planned, i) => i > start && planned.textCharsSent >= afterChars);
  // Past the end of the text: fault just before the block closes.
  return index >= 0 ? index : events.length - 4;
}

/** The non-streaming JSON body of a reply. */
export function replyMessage(reply: ResolvedReply): Record<string, unknown> {
  const content: unknown[] = [];
  if (reply.thinking) content.push({ type: 'thinking', thinking: reply.thinking, signature: reply.signature });
  content.push({ type: 'text', text: reply.text });
  return {
    id: reply.id,
    type: 'message',
    role: 'assistant',
    content,
    model: reply.model,
    stop_reason: reply.stopReason,
    stop_sequence: null,
    usage: { ...reply.usage, ...withoutNulls(reply.finalUsage) },
  };
}

function withoutNulls(values: Record<string, number | null>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, number] => entry[1] !== null));
}
