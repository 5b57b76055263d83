import * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import { ChatRequestRefused } from '../core/chat/chatSession';
import { errorMessage } from '../core/errorMessage';
import type { Log } from '../core/log';
import { scrubKeys } from '../core/scrubKeys';
import type { FromWebviewMessage, PageHandlers } from '../shared/chatProtocol';
import { dispatchPageMessage } from '../shared/chatProtocol';
import type { ActionNotice } from './hostActions';
import { copyText, deliverSnippet, insertAtCursor, openLink, runAction } from './hostActions';
import { attachFiles, parseDroppedUris } from './attachFiles';

/** Attaches dropped files; the refused ones are named in one notice (the added ones show as chips). */
async function attachDropped(session: ChatSession, uris: readonly string[]): Promise<ActionNotice> {
  const { refused } = await attachFiles(session, parseDroppedUris(uris));
  return refused.length > 0 ? { level: 'warning', message: refused.join(' ') } : undefined;
}

/** What page requests run against besides the session. */
export interface PageEnvironment {
  log: Log;
  showLog(): void;
  /** `claudeApi.baseUrl`: "Copy as code" names the gateway, so the snippet runs against the server the chat uses. */
  baseUrl(): string;
}

/** Waits for a session verb; its result is for the API, the page learns everything through messages. */
async function done(work: Promise<unknown>): Promise<ActionNotice> {
  await work;
  return undefined;
}

/** What each page request does: one handler per verb of the protocol's table (a missing one does not compile). */
function handlers(session: ChatSession, environment: PageEnvironment): PageHandlers<Promise<ActionNotice>> {
  return {
    ready: () => Promise.resolve(undefined), // the view's business: it answers with the state
    send: (m) => done(session.sendMessage(m.text)),
    attachData: (m) => done(session.addAttachment({ source: 'file', name: m.name, bytes: Buffer.from(m.data, 'base64') })),
    attachUris: (m) => attachDropped(session, m.uris),
    removeAttachment: (m) => done(session.removeAttachment(m.attachmentId)),
    pickFiles: async () => {
      const uris = await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: 'Attach', title: 'Attach to the Claude chat' });
      return uris?.length ? attachDropped(session, uris.map((uri) => uri.toString())) : undefined;
    },
    stop: () => done(session.stop()),
    retry: () => done(session.retry()),
    continue: () => done(session.continueReply()),
    editLastUserMessage: (m) => done(session.editLastUserMessage(m.text)),
    newConversation: () => done(session.newConversation()),
    switchConversation: (m) => done(session.switchConversation(m.conversationId)),
    deleteConversation: (m) => done(session.deleteConversation(m.conversationId)),
    renameConversation: (m) => done(session.renameConversation(m.conversationId, m.title)),
    changeParameters: (m) => done(session.changeParameters(m.patch)),
    refreshModels: () => done(session.refreshModels()),
    copyAsCode: async (m) => deliverSnippet(await session.snippet(m.language, { baseUrl: environment.baseUrl() }), m.language, m.target),
    copyText: (m) => copyText(m.text),
    insertAtCursor: (m) => insertAtCursor(m.code, m.language),
    openLink: (m) => openLink(m.href),
    runAction: (m) => runAction(m.action, () => environment.showLog()),
  };
}

/**
 * Does what a (validated) page message asks. Never throws: a refusal becomes a notice in the page, an
 * unexpected failure is logged and shown.
 */
export async function handlePageMessage(session: ChatSession, environment: PageEnvironment, message: FromWebviewMessage): Promise<void> {
  try {
    const notice = await dispatchPageMessage(handlers(session, environment), message);
    if (notice) session.notify(notice.level, notice.message);
  } catch (error) {
    if (error instanceof ChatRequestRefused) {
      session.notify('warning', error.message);
      return;
    }
    const reason = scrubKeys(errorMessage(error));
    environment.log.error(`chat: ${message.type} failed: ${reason}`);
    session.notify('error', `${message.type} failed: ${reason}`);
  }
}
