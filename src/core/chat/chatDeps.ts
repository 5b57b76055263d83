import type { ApiErrorInfo } from '../apiErrors';
import type { Log } from '../log';
import type { UsageRecorder } from '../usage/requestUsage';
import type { KeyState } from '../../shared/chatProtocol';
import type { ChatClient } from './chatClient';
import type { ConversationStore } from './conversationStore';

/**
 * Everything the chat needs from the rest of the extension, handed down unchanged from `registerChat` to
 * the session and each reply it runs (the one set of dependencies; tests build it from fakes).
 */
export interface ChatDeps {
  store: ConversationStore;
  /** Where the chat writes what it does (the extension's LogOutputChannel). */
  log: Log;
  getClient(): Promise<ChatClient>;
  /** The usage meter each request reports to (`ctx.usage`); without it, footers show the stream's own token counts. */
  usage?: UsageRecorder;
  /** The shared error classification, naming the configured server. */
  classify(error: unknown): ApiErrorInfo;
  keyState(): Promise<KeyState>;
  /** Parameters for a first conversation (from the settings). */
  defaults(): { model: string; maxTokens: number };
}
