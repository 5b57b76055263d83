import * as vscode from 'vscode';
import { honouredArgs } from '../core/callerAnswers';
import { expiredConversationIds } from '../core/chat/retention';
import { CommandIds } from '../commandIds';
import { Config } from '../config';
import type { Ctx } from '../ctx';
import type { ChatSession } from '../core/chat/chatSession';

/** Unsent attachment files older than this are swept at start-up. */
const leftoverAttachmentAgeMs = 24 * 60 * 60 * 1000;

/**
 * "Clear All Chat History" and `claudeApi.history.retentionDays`: the two ways to delete what the chat
 * keeps on disk (one JSON file per conversation in the extension's global storage).
 */
export function registerChatHistory(ctx: Ctx, session: () => Promise<ChatSession>): { pruneExpired(): Promise<number> } {
  const deleteAll = async (ids: string[]) => {
    const chat = await session();
    for (const id of ids) await chat.deleteConversation(id);
    return ids.length;
  };

  ctx.registerCommand(CommandIds.chatClearHistory, async (args?: { confirm?: boolean }) => {
    const { confirm } = honouredArgs(args ?? {}, ctx.callerTrusted);
    const saved = (await (await session()).conversations()).filter((conversation) => conversation.turnCount > 0);
    if (saved.length === 0) {
      void vscode.window.showInformationMessage('Claude API: there is no chat history to clear.');
      return 0;
    }
    if (!confirm) {
      const button = 'Delete All';
      const choice = await vscode.window.showWarningMessage(
        `Delete all ${saved.length} saved chat${saved.length === 1 ? '' : 's'}?`,
        { modal: true, detail: 'Every conversation file in the extension\'s storage is deleted. This cannot be undone.' },
        button,
      );
      if (choice !== button) return 0;
    }
    const deleted = await deleteAll(saved.map((conversation) => conversation.id));
    ctx.log.info(`chat history cleared: ${deleted} conversations deleted`);
    return deleted;
  });

  /**
   * Loads the conversations (always), deletes those past `claudeApi.history.retentionDays`, and sweeps
   * attachment files no conversation uses that are over a day old (left in the composer of a window that
   * closed without sending them; newer ones may still wait in another window's composer).
   */
  const pruneExpired = async () => {
    const chat = await session();
    const days = ctx.config.historyRetentionDays;
    const expired = expiredConversationIds(await chat.conversations(), days, Date.now());
    if (expired.length > 0) ctx.log.info(`chat history: ${expired.length} conversations older than ${days} days deleted`);
    const deleted = await deleteAll(expired);
    await chat.removeUnusedAttachments(Date.now() - leftoverAttachmentAgeMs);
    return deleted;
  };
  ctx.register(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (Config.changed(event, 'history.retentionDays')) void pruneExpired().catch((error: unknown) => ctx.log.error(`chat history: ${String(error)}`));
    }),
  );
  return { pruneExpired };
}
