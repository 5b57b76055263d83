/**
 * The chat's conversation model as it is stored: turns with the exact content blocks the API
 * returned (thinking blocks keep their signatures so multi-turn with thinking works), plus the
 * conversions to what the page shows. Pure: no editor, no file system.
 */
import type {
  AssistantTurnView,
  BlockView,
  ChatErrorView,
  ChatParameters,
  ConversationSummary,
  ConversationView,
  ReplyFooter,
  TurnView,
  UserTurnView,
} from '../../shared/chatProtocol';
import type { StoredAttachment } from './attachments/storedAttachment';
import { toAttachmentView } from './attachments/attachmentView';

/** A content block of an assistant turn, in the API's own shape. */
export type StoredBlock =
  | { type: 'text'; text: string }
  /** `signature` is missing while the block streams or when the stream broke before it arrived. */
  | { type: 'thinking'; thinking: string; signature?: string }
  | { type: 'redacted_thinking'; data: string };

export interface UserTurn {
  role: 'user';
  id: string;
  text: string;
  createdAt: number;
  /** Files, selections, images and PDFs sent with the message (before its text). Absent in older files. */
  attachments?: StoredAttachment[];
}

export interface AssistantTurn {
  role: 'assistant';
  id: string;
  createdAt: number;
  /** Model that produced the turn. */
  model: string;
  blocks: StoredBlock[];
  /**
   * `interrupted` also covers a reply still streaming when it was last saved: if the window goes away
   * mid-reply, what arrived comes back marked interrupted.
   */
  status: 'complete' | 'interrupted';
  stopReason?: string;
  footer?: ReplyFooter;
  error?: ChatErrorView;
}

export type Turn = UserTurn | AssistantTurn;

export interface Conversation {
  id: string;
  title: string;
  /** True once the user renamed it; the title then no longer follows the first message. */
  titleEdited: boolean;
  createdAt: number;
  updatedAt: number;
  parameters: ChatParameters;
  turns: Turn[];
}

/** Placeholder title of a conversation without messages. */
export const untitled = 'New chat';

/** A new, empty conversation. */
export function createConversation(id: string, parameters: ChatParameters, now: number): Conversation {
  return { id, title: untitled, titleEdited: false, createdAt: now, updatedAt: now, parameters: { ...parameters, thinking: { ...parameters.thinking } }, turns: [] };
}

/** A title from the first line of a message: whitespace collapsed, at most 60 characters. */
export function titleFromText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return untitled;
  return line.length > 60 ? `${line.slice(0, 59).trimEnd()}…` : line;
}

/** Appends a user turn (and names the conversation after its first message). */
export function appendUserTurn(conversation: Conversation, turn: UserTurn): void {
  conversation.turns.push(turn);
  conversation.updatedAt = turn.createdAt;
  if (!conversation.titleEdited && conversation.turns.filter((t) => t.role === 'user').length === 1) {
    conversation.title = titleFromText(turn.text);
  }
}

/** Index of the last user turn, or -1. */
export function lastUserTurnIndex(conversation: Conversation): number {
  for (let i = conversation.turns.length - 1; i >= 0; i--) if (conversation.turns[i].role === 'user') return i;
  return -1;
}

/** The last turn when it is an assistant turn. */
export function lastAssistantTurn(conversation: Conversation): AssistantTurn | undefined {
  const last = conversation.turns.at(-1);
  return last?.role === 'assistant' ? last : undefined;
}

/** The text of an assistant turn: its text blocks joined. */
export function assistantText(turn: AssistantTurn): string {
  return turn.blocks.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

export function toBlockView(block: StoredBlock): BlockView {
  switch (block.type) {
    case 'text':
      return { kind: 'text', text: block.text };
    case 'thinking':
      return { kind: 'thinking', text: block.thinking };
    case 'redacted_thinking':
      return { kind: 'redactedThinking' };
  }
}

/** The page's view of a turn; `modelId` prices the attachments' token estimates. */
export function toTurnView(turn: Turn, modelId: string): TurnView {
  if (turn.role === 'user') return toUserTurnView(turn, modelId);
  const view: AssistantTurnView = {
    role: 'assistant',
    id: turn.id,
    createdAt: turn.createdAt,
    blocks: turn.blocks.map(toBlockView),
    status: turn.status,
  };
  if (turn.footer) view.footer = turn.footer;
  if (turn.error) view.error = turn.error;
  if (turn.stopReason) view.stopReason = turn.stopReason;
  return view;
}

export function toUserTurnView(turn: UserTurn, modelId: string): UserTurnView {
  const view: UserTurnView = { role: 'user', id: turn.id, text: turn.text, createdAt: turn.createdAt };
  if (turn.attachments?.length) view.attachments = turn.attachments.map((attachment) => toAttachmentView(attachment, modelId));
  return view;
}

export function toConversationView(conversation: Conversation): ConversationView {
  return {
    id: conversation.id,
    title: conversation.title,
    parameters: conversation.parameters,
    turns: conversation.turns.map((turn) => toTurnView(turn, conversation.parameters.model)),
  };
}

export function toSummary(conversation: Conversation): ConversationSummary {
  return { id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt, turnCount: conversation.turns.length };
}

/** Summaries, newest first. */
export function sortSummaries(summaries: ConversationSummary[]): ConversationSummary[] {
  return [...summaries].sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
}
