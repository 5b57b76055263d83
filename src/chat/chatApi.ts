import type * as vscode from 'vscode';
import type { ChatParametersPatch, ConversationSummary, ConversationView, ToWebviewMessage } from '../shared/chatProtocol';
import type { ChatReplyResult } from '../core/chat/chatSession';
import type { StoreProblem } from '../core/chat/conversationStore';

/**
 * The chat on the extension's exported API: drives the same session the sidebar page drives, so other
 * features' integration tests (and other extensions) can hold a real conversation.
 */
export interface ChatApi {
  /** Sends a message in the active conversation; resolves when the reply ends (complete or interrupted). */
  sendMessage(text: string): Promise<ChatReplyResult>;
  /** Stops the streaming reply; resolves once it is saved. */
  stop(): Promise<void>;
  retry(): Promise<ChatReplyResult>;
  continueReply(): Promise<ChatReplyResult>;
  editLastUserMessage(text: string): Promise<ChatReplyResult>;
  /** Starts a new conversation and returns its id. */
  newConversation(): Promise<string>;
  switchConversation(id: string): Promise<void>;
  deleteConversation(id: string): Promise<void>;
  changeParameters(patch: ChatParametersPatch): Promise<void>;
  activeConversation(): Promise<ConversationView>;
  conversations(): Promise<ConversationSummary[]>;
  /** True while a reply streams. */
  isBusy(): boolean;
  /** Drops the in-memory chat and reads it back from disk, as a window reload does; returns damaged files set aside. */
  reload(): Promise<StoreProblem[]>;
  /** Folder the conversations are stored in. */
  readonly storageDir: string;
  /** Every message the host sends to the page (whether or not the view is open). */
  onDidPostMessage(listener: (message: ToWebviewMessage) => void): vscode.Disposable;
  /**
   * Handles `raw` exactly as a message from the page (validated first); resolves false when it is
   * refused as malformed. Lets tests exercise the page's path without a page.
   */
  receiveFromPage(raw: unknown): Promise<boolean>;
}
