import type * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import type { StoreProblem } from '../core/chat/conversationStore';
import type { ToWebviewMessage } from '../shared/chatProtocol';

/**
 * The session's verbs the exported API offers: each runs the `ChatSession` method of that name on the
 * loaded session, the same method a page request runs. Adding one here is all the API needs.
 */
export const chatApiVerbs = [
  'sendMessage',
  'stop',
  'retry',
  'continueReply',
  'editLastUserMessage',
  'newConversation',
  'switchConversation',
  'deleteConversation',
  'changeParameters',
  'activeConversation',
  'conversations',
  'addAttachment',
  'removeAttachment',
  'pendingAttachments',
  'removeUnusedAttachments',
] as const satisfies readonly (keyof ChatSession)[];

/**
 * The chat on the extension's exported API: drives the same session the sidebar page drives, so other
 * features' integration tests can hold a real conversation. (Our own test runs only.)
 */
export type ChatApi = Pick<ChatSession, (typeof chatApiVerbs)[number]> & {
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
};
