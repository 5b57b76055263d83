/**
 * "Copy as code" for a stored chat conversation: the request that asks for the conversation's next
 * (or last) reply, built exactly as the chat builds it, as a snippet.
 */
import type { Conversation } from './conversation';
import { toCodeSnippet } from './codeSnippet';
import type { SnippetLanguage } from '../../shared/chatProtocol';
import type { SnippetOptions } from './codeSnippet';
import { buildRequest, toRequestMessages } from './requestBuilder';

/** Sent when the conversation has no user message yet, so the snippet still runs. */
export const placeholderMessage = 'Hello, Claude';

/**
 * The snippet reproduces the request behind the conversation's latest reply: trailing assistant turns
 * (complete or interrupted) are left out, so running it asks the same question again. A conversation
 * that is still empty gets a placeholder question.
 */
export function conversationSnippet(language: SnippetLanguage, conversation: Conversation, options: SnippetOptions = {}): string {
  const turns = [...conversation.turns];
  while (turns.at(-1)?.role === 'assistant') turns.pop();
  const messages = turns.length > 0 ? toRequestMessages(turns) : [{ role: 'user' as const, content: placeholderMessage }];
  return toCodeSnippet(language, buildRequest(conversation.parameters, messages), options);
}
