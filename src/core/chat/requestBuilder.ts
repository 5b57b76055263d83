/**
 * Turns a stored conversation into the body of a Messages API request: the history with thinking
 * blocks passed back unmodified (signatures included), interrupted replies reduced to what the API
 * accepts, consecutive same-role turns merged so roles alternate.
 */
import type { ContentBlockParam, MessageParam, MessageStreamParams } from '@anthropic-ai/sdk/resources/messages/messages';
import type { ChatParameters } from '../../shared/chatProtocol';
import type { AssistantTurn, Conversation, Turn } from './conversation';
import type { AttachmentContents } from './attachments/attachmentBlocks';
import { userContent } from './attachments/attachmentBlocks';

/** How the request relates to the conversation's last turn. */
export type RequestMode =
  /** Ask for a reply to the history as it is (last turn is the user's). */
  | 'reply'
  /** Carry on from the last (interrupted) assistant turn: it is sent as the start of the reply. */
  | 'continue';

/**
 * Content blocks of an assistant turn that the API accepts back. A complete turn goes back whole; an
 * interrupted one keeps its text and only thinking that got its signature (an unsigned block would be
 * rejected). Empty text blocks are dropped (the API rejects them).
 */
function assistantContent(turn: AssistantTurn, keepThinking: boolean): ContentBlockParam[] {
  const content: ContentBlockParam[] = [];
  for (const block of turn.blocks) {
    if (block.type === 'text') {
      if (block.text !== '') content.push({ type: 'text', text: block.text });
    } else if (block.type === 'thinking') {
      if (keepThinking && block.signature) content.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    } else if (keepThinking) {
      content.push({ type: 'redacted_thinking', data: block.data });
    }
  }
  return content;
}

function turnContent(turn: Turn, keepThinking: boolean, contents: AttachmentContents | undefined): ContentBlockParam[] {
  return turn.role === 'user' ? userContent(turn.text, turn.attachments, contents) : assistantContent(turn, keepThinking);
}

/**
 * The `messages` array for a request. With mode `continue` the last assistant turn ends the array
 * (a prefill) with trailing whitespace removed, which the API requires of a final assistant message.
 * `contents` holds the attachments' bytes (read beforehand); without it they are sent as notes.
 */
export function toRequestMessages(turns: readonly Turn[], mode: RequestMode = 'reply', contents?: AttachmentContents): MessageParam[] {
  const messages: { role: 'user' | 'assistant'; content: ContentBlockParam[] }[] = [];
  turns.forEach((turn, index) => {
    // Thinking blocks are only accepted back from complete turns; a prefill may not contain them.
    const isPrefill = mode === 'continue' && index === turns.length - 1;
    const keepThinking = turn.role === 'assistant' && turn.status === 'complete' && !isPrefill;
    const content = turnContent(turn, keepThinking, contents);
    if (content.length === 0) return;
    const previous = messages.at(-1);
    if (previous?.role === turn.role) previous.content.push(...content);
    else messages.push({ role: turn.role, content });
  });
  const last = messages.at(-1);
  if (mode === 'continue' && last?.role === 'assistant') {
    const block = last.content.at(-1);
    if (block?.type === 'text') {
      block.text = block.text.trimEnd();
      if (block.text === '') last.content.pop();
      if (last.content.length === 0) messages.pop();
    }
  }
  return messages.map(simplify);
}

/** A single text block is sent as a plain string: smaller requests and snippets that read naturally. */
function simplify(message: { role: 'user' | 'assistant'; content: ContentBlockParam[] }): MessageParam {
  const only = message.content.length === 1 ? message.content[0] : undefined;
  if (only?.type === 'text') return { role: message.role, content: only.text };
  return { role: message.role, content: message.content };
}

/**
 * The whole request body (without `stream`). Thinking is requested with `display: 'summarized'` so it
 * can be shown; a continuation asks without thinking (a prefilled reply cannot start with new thinking).
 */
export function buildRequest(parameters: ChatParameters, messages: MessageParam[], mode: RequestMode = 'reply'): MessageStreamParams {
  const request: MessageStreamParams = { model: parameters.model, max_tokens: parameters.maxTokens, messages };
  if (parameters.systemPrompt.trim() !== '') request.system = parameters.systemPrompt;
  if (parameters.thinking.enabled && mode === 'reply') {
    request.thinking = { type: 'enabled', budget_tokens: parameters.thinking.budgetTokens, display: 'summarized' };
  }
  return request;
}

/** Shortcut: the request for the conversation as it stands (`contents`: its attachments' bytes). */
export function requestFor(conversation: Conversation, mode: RequestMode = 'reply', contents?: AttachmentContents): MessageStreamParams {
  return buildRequest(conversation.parameters, toRequestMessages(conversation.turns, mode, contents), mode);
}
