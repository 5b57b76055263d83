import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { Ctx } from '../ctx';
import type { ChatSession } from '../core/chat/chatSession';
import { ChatRequestRefused } from '../core/chat/chatSession';
import type { AttachmentView } from '../shared/chatProtocol';
import type { AttachResult } from './attachFiles';
import { attachFiles, selectionInputs } from './attachFiles';
import { ChatViewProvider } from './chatViewProvider';

/** Shows what was refused, in the chat (where the chips are) and as a notification (the chat may still be loading). */
function reportRefused(session: ChatSession, refused: readonly string[]): void {
  if (refused.length === 0) return;
  const message = refused.join(' ');
  session.notify('warning', message);
  void vscode.window.showWarningMessage(`Claude API: ${message}`);
}

/**
 * "Add Selection to Claude Chat" (editor context menu, Ctrl+Shift+Alt+A) and "Add File to Claude Chat"
 * (Explorer context menu, several files at once): both put chips in the chat's composer and show the chat.
 * Each returns the attachments it added (for tests).
 */
export function registerAttachmentCommands(ctx: Ctx, session: () => Promise<ChatSession>): void {
  const showChat = () => vscode.commands.executeCommand(`${ChatViewProvider.viewType}.focus`);

  ctx.registerCommand(CommandIds.chatAddSelection, async (): Promise<AttachmentView[]> => {
    const chat = await session();
    const editor = vscode.window.activeTextEditor;
    const inputs = editor ? selectionInputs(editor) : [];
    await showChat();
    if (inputs.length === 0) {
      reportRefused(chat, ['Select some text in an editor first, then add it to the chat.']);
      return [];
    }
    const result: AttachResult = { added: [], refused: [] };
    for (const input of inputs) {
      try {
        result.added.push(await chat.addAttachment(input));
      } catch (error) {
        if (!(error instanceof ChatRequestRefused)) throw error;
        result.refused.push(error.message);
      }
    }
    reportRefused(chat, result.refused);
    return result.added;
  });

  // From the Explorer VS Code passes the clicked file and every selected one; from the palette, nothing
  // (then the active editor's file is meant).
  ctx.registerCommand(CommandIds.chatAddFile, async (clicked?: vscode.Uri, selected?: vscode.Uri[]): Promise<AttachmentView[]> => {
    const chat = await session();
    const uris = selected?.length ? selected : clicked ? [clicked] : vscode.window.activeTextEditor ? [vscode.window.activeTextEditor.document.uri] : [];
    await showChat();
    if (uris.length === 0) {
      reportRefused(chat, ['Pick a file in the Explorer (or open one) to add it to the chat.']);
      return [];
    }
    const result = await attachFiles(chat, uris);
    reportRefused(chat, result.refused);
    return result.added;
  });
}
