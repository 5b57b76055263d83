/**
 * The request a "Copy as code" snippet reproduces, reduced to what is worth showing: the chat's own
 * request body minus previous turns' thinking blocks, with anything shaped like a key masked.
 */
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages/messages';
import { checkBaseUrl } from '../baseUrl';
import { scrubKeys } from '../scrubKeys';

/**
 * What the snippet sends: the chat's request parameters (as built by `buildRequest`). There is no
 * temperature: API version 2026-10-21, which the SDKs send, rejects `temperature`, `top_p` and `top_k`.
 */
export type SnippetRequest = Pick<MessageCreateParamsBase, 'model' | 'max_tokens' | 'messages' | 'system' | 'thinking'>;

export interface SnippetOptions {
  /**
   * Base URL of a gateway or proxy (the `claudeApi.baseUrl` setting). Empty or omitted means the
   * public API, and the snippet then leaves the client's default alone.
   */
  baseUrl?: string;
}

/** A plain JSON value: what the literal writers of each language know how to print. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The request as plain JSON, fields in the order people expect to read them. */
export interface SnippetBody {
  model: string;
  max_tokens: number;
  system?: JsonValue;
  thinking?: JsonValue;
  messages: JsonValue[];
}

export interface PreparedSnippet {
  body: SnippetBody;
  /** Base URL without credentials or trailing slash; undefined for the public API. */
  baseUrl: string | undefined;
  /** How many key-shaped strings were masked (a key pasted into the chat must not travel in a snippet). */
  maskedKeys: number;
}

/**
 * Thinking blocks of earlier turns are dropped: the API ignores them outside tool use, and their
 * signatures are long opaque blobs that would bury the conversation.
 */
function withoutThinking(content: unknown): unknown {
  if (!Array.isArray(content)) return content;
  const kept = content.filter((block: { type?: unknown }) => block?.type !== 'thinking' && block?.type !== 'redacted_thinking');
  const only = kept.length === 1 ? (kept[0] as Record<string, unknown>) : undefined;
  // A lone plain text block reads better as a string, exactly as the chat sends it.
  if (only && only.type === 'text' && Object.keys(only).length === 2) return only.text;
  return kept;
}

/** Copies a value as plain JSON, masking key-shaped strings and counting them. */
function toJson(value: unknown, count: { masked: number }): JsonValue {
  if (typeof value === 'string') {
    const scrubbed = scrubKeys(value);
    if (scrubbed !== value) count.masked++;
    return scrubbed;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => toJson(item, count));
  if (typeof value === 'object') {
    const result: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item !== undefined) result[key] = toJson(item, count);
    }
    return result;
  }
  return null;
}

/** The gateway a snippet names, without credentials; undefined for the public API. Throws for something that is not an http(s) URL. */
export function snippetBaseUrl(baseUrl: string | undefined): string | undefined {
  const checked = checkBaseUrl(baseUrl);
  return checked.isDefault ? undefined : checked.display;
}

export function prepareSnippet(request: SnippetRequest, options: SnippetOptions = {}): PreparedSnippet {
  const count = { masked: 0 };
  const messages = request.messages
    .map((message) => ({ ...message, content: withoutThinking(message.content) }))
    .filter((message) => !(Array.isArray(message.content) && message.content.length === 0));
  const body: SnippetBody = {
    model: toJson(request.model, count) as string,
    max_tokens: request.max_tokens,
    messages: messages.map((message) => toJson(message, count)),
  };
  const system = typeof request.system === 'string' && request.system.trim() === '' ? undefined : request.system;
  if (system !== undefined) body.system = toJson(system, count);
  if (request.thinking !== undefined) body.thinking = toJson(request.thinking, count);
  // Re-order so model, max_tokens, system and thinking come before the (long) messages.
  const ordered: SnippetBody = { model: body.model, max_tokens: body.max_tokens, ...pick(body), messages: body.messages };
  return { body: ordered, baseUrl: snippetBaseUrl(options.baseUrl), maskedKeys: count.masked };
}

/** The body's fields in order, as name and value. */
export function bodyFields(body: SnippetBody): [string, JsonValue][] {
  return Object.entries(body).filter((entry): entry is [string, JsonValue] => entry[1] !== undefined);
}

function pick(body: SnippetBody): Partial<SnippetBody> {
  const result: Partial<SnippetBody> = {};
  if (body.system !== undefined) result.system = body.system;
  if (body.thinking !== undefined) result.thinking = body.thinking;
  return result;
}
