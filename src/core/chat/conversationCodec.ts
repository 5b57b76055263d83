/**
 * The on-disk form of a conversation: versioned JSON, validated field by field when read so a damaged
 * or hand-edited file is refused as a whole (and set aside by the store) instead of half-loaded.
 */
import type { ChatErrorKind, ChatErrorView, ChatParameters, ReplyFooter } from '../../shared/chatProtocol';
import { apiErrorKinds } from '../apiErrors';
import { parseChatAction } from '../../shared/chatProtocol';
import type { AssistantTurn, Conversation, StoredBlock, Turn, UserTurn } from './conversation';
import type { StoredAttachment } from './attachments/storedAttachment';
import { isBlobName } from './attachments/storedAttachment';
import { isImageMediaType } from '../../shared/attachmentLimits';
import { normalizeParameters } from './parameters';
import { errorMessage } from '../errorMessage';

export const conversationFormat = 'claude-api-toolkit/conversation';
export const conversationFormatVersion = 1;

/** A stored conversation that cannot be read; `reason` says where it is broken. */
export class CorruptConversationError extends Error {
  constructor(readonly reason: string) {
    super(`conversation file is damaged: ${reason}`);
    this.name = 'CorruptConversationError';
  }
}

export function serializeConversation(conversation: Conversation): string {
  // `missing` is found out at load time, never stored: a restored attachment file shows again.
  return JSON.stringify({ format: conversationFormat, version: conversationFormatVersion, conversation }, (key, value: unknown) => (key === 'missing' ? undefined : value));
}

type Fields = Record<string, unknown>;

function fail(reason: string): never {
  throw new CorruptConversationError(reason);
}

function record(value: unknown, where: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${where} is not an object`);
  return value as Fields;
}

function string(value: unknown, where: string): string {
  if (typeof value !== 'string') fail(`${where} is not a string`);
  return value;
}

function number(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${where} is not a number`);
  return value;
}

function optionalString(value: unknown, where: string): string | undefined {
  return value === undefined ? undefined : string(value, where);
}

/** Reads a conversation file's text; throws `CorruptConversationError` when it is not one. */
export function parseConversation(text: string): Conversation {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(`not JSON (${errorMessage(error)})`);
  }
  const file = record(json, 'file');
  if (file.format !== conversationFormat) fail('unknown format');
  if (file.version !== conversationFormatVersion) fail(`unsupported version ${String(file.version)}`);
  const c = record(file.conversation, 'conversation');
  const turns = c.turns;
  if (!Array.isArray(turns)) fail('turns is not a list');
  return {
    id: string(c.id, 'id'),
    title: string(c.title, 'title'),
    titleEdited: c.titleEdited === true,
    createdAt: number(c.createdAt, 'createdAt'),
    updatedAt: number(c.updatedAt, 'updatedAt'),
    parameters: parseParameters(c.parameters),
    turns: turns.map((turn, i) => parseTurn(turn, `turns[${i}]`)),
  };
}

function parseParameters(value: unknown): ChatParameters {
  const p = record(value, 'parameters');
  const thinking = record(p.thinking, 'parameters.thinking');
  return normalizeParameters({
    model: string(p.model, 'parameters.model'),
    systemPrompt: string(p.systemPrompt, 'parameters.systemPrompt'),
    maxTokens: number(p.maxTokens, 'parameters.maxTokens'),
    thinking: { enabled: thinking.enabled === true, budgetTokens: number(thinking.budgetTokens, 'parameters.thinking.budgetTokens') },
  });
}

function parseTurn(value: unknown, where: string): Turn {
  const t = record(value, where);
  const id = string(t.id, `${where}.id`);
  const createdAt = number(t.createdAt, `${where}.createdAt`);
  if (t.role === 'user') {
    const turn: UserTurn = { role: 'user', id, text: string(t.text, `${where}.text`), createdAt };
    // Files saved before attachments existed have none: they read unchanged.
    if (t.attachments !== undefined) {
      if (!Array.isArray(t.attachments)) fail(`${where}.attachments is not a list`);
      turn.attachments = t.attachments.map((attachment, i) => parseAttachment(attachment, `${where}.attachments[${i}]`));
    }
    return turn;
  }
  if (t.role !== 'assistant') fail(`${where}.role is neither user nor assistant`);
  if (!Array.isArray(t.blocks)) fail(`${where}.blocks is not a list`);
  const turn: AssistantTurn = {
    role: 'assistant',
    id,
    createdAt,
    model: string(t.model, `${where}.model`),
    blocks: t.blocks.map((block, i) => parseBlock(block, `${where}.blocks[${i}]`)),
    status: t.status === 'complete' ? 'complete' : 'interrupted',
  };
  const stopReason = optionalString(t.stopReason, `${where}.stopReason`);
  if (stopReason) turn.stopReason = stopReason;
  if (t.footer !== undefined) turn.footer = parseFooter(t.footer, `${where}.footer`);
  if (t.error !== undefined) turn.error = parseError(t.error, `${where}.error`);
  return turn;
}

function optionalNumber(value: unknown, where: string): number | undefined {
  return value === undefined ? undefined : number(value, where);
}

function parseAttachment(value: unknown, where: string): StoredAttachment {
  const a = record(value, where);
  const kind = a.kind;
  if (kind !== 'text' && kind !== 'image' && kind !== 'pdf') fail(`${where}.kind is unknown`);
  const mediaType = string(a.mediaType, `${where}.mediaType`);
  const expected = kind === 'text' ? mediaType === 'text/plain' : kind === 'pdf' ? mediaType === 'application/pdf' : isImageMediaType(mediaType);
  if (!expected) fail(`${where}.mediaType does not fit its kind`);
  const blob = string(a.blob, `${where}.blob`);
  // Only names this extension writes: a crafted file cannot make the chat read anything else.
  if (!isBlobName(blob)) fail(`${where}.blob is not an attachment file name`);
  const attachment: StoredAttachment = {
    id: string(a.id, `${where}.id`),
    kind,
    name: string(a.name, `${where}.name`),
    mediaType: mediaType as StoredAttachment['mediaType'],
    blob,
    bytes: number(a.bytes, `${where}.bytes`),
  };
  const chars = optionalNumber(a.chars, `${where}.chars`);
  if (chars !== undefined) attachment.chars = chars;
  if (a.lines !== undefined) {
    const lines = record(a.lines, `${where}.lines`);
    attachment.lines = { start: number(lines.start, `${where}.lines.start`), end: number(lines.end, `${where}.lines.end`) };
  }
  const languageId = optionalString(a.languageId, `${where}.languageId`);
  if (languageId !== undefined) attachment.languageId = languageId;
  const width = optionalNumber(a.width, `${where}.width`);
  const height = optionalNumber(a.height, `${where}.height`);
  if (width !== undefined && height !== undefined) Object.assign(attachment, { width, height });
  const pages = optionalNumber(a.pages, `${where}.pages`);
  if (pages !== undefined) attachment.pages = pages;
  return attachment;
}

function parseBlock(value: unknown, where: string): StoredBlock {
  const b = record(value, where);
  switch (b.type) {
    case 'text':
      return { type: 'text', text: string(b.text, `${where}.text`) };
    case 'thinking': {
      const signature = optionalString(b.signature, `${where}.signature`);
      const block: StoredBlock = { type: 'thinking', thinking: string(b.thinking, `${where}.thinking`) };
      if (signature) block.signature = signature;
      return block;
    }
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: string(b.data, `${where}.data`) };
    default:
      fail(`${where}.type is unknown`);
  }
}

function parseFooter(value: unknown, where: string): ReplyFooter {
  const f = record(value, where);
  const footer: ReplyFooter = {
    model: string(f.model, `${where}.model`),
    inputTokens: number(f.inputTokens, `${where}.inputTokens`),
    outputTokens: number(f.outputTokens, `${where}.outputTokens`),
    cacheReadTokens: typeof f.cacheReadTokens === 'number' ? f.cacheReadTokens : 0,
    approximate: f.approximate === true,
  };
  if (typeof f.costUsd === 'number' && Number.isFinite(f.costUsd)) footer.costUsd = f.costUsd;
  return footer;
}

/** A kind this build does not know (saved by a newer one) reads as `unknown`: the message still shows. */
function errorKind(kind: string): ChatErrorKind {
  return kind === 'unfinished' || (apiErrorKinds as readonly string[]).includes(kind) ? (kind as ChatErrorKind) : 'unknown';
}

function parseError(value: unknown, where: string): ChatErrorView {
  const e = record(value, where);
  const view: ChatErrorView = { kind: errorKind(string(e.kind, `${where}.kind`)), message: string(e.message, `${where}.message`), actions: [] };
  if (typeof e.status === 'number') view.status = e.status;
  if (typeof e.retryAfterSeconds === 'number') view.retryAfterSeconds = e.retryAfterSeconds;
  if (typeof e.requestId === 'string') view.requestId = e.requestId;
  // Unreadable buttons are dropped, not fatal: the message itself is what matters.
  if (Array.isArray(e.actions)) {
    for (const action of e.actions as unknown[]) {
      const parsed = parseChatAction(action);
      if (parsed) view.actions.push(parsed);
    }
  }
  return view;
}
