import * as vscode from 'vscode';
import { runApiErrorAction } from '../showApiError';
import type { ChatAction, SnippetLanguage } from '../shared/chatProtocol';
import { safeExternalUrl, snippetLanguages } from '../shared/chatProtocol';

/** Settings an "open settings" button may focus: ours and the proxy ones. Anything else is refused. */
function isAllowedSetting(setting: string): boolean {
  return setting.startsWith('claudeApi.') || setting.startsWith('http.proxy');
}

/** What a host action reports back to the page, when it has something to say. */
export type ActionNotice = { level: 'info' | 'warning' | 'error'; message: string } | undefined;

/** Opens an http(s) link in the browser; anything else is refused. */
export async function openLink(href: string): Promise<ActionNotice> {
  const url = safeExternalUrl(href);
  if (!url) return { level: 'warning', message: 'Only http and https links can be opened from the chat.' };
  await vscode.env.openExternal(vscode.Uri.parse(url, true));
  return undefined;
}

export async function copyText(text: string): Promise<ActionNotice> {
  await vscode.env.clipboard.writeText(text);
  return { level: 'info', message: 'Copied.' };
}

/** Inserts code at the cursor of the editor last used; with no editor, opens it in a new untitled one. */
export async function insertAtCursor(code: string, language: string | undefined): Promise<ActionNotice> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
  if (!editor) {
    const document = await vscode.workspace.openTextDocument({ content: code, language: language || 'plaintext' });
    await vscode.window.showTextDocument(document);
    return { level: 'info', message: 'No editor was open, so the code went into a new one.' };
  }
  const applied = await editor.edit((edit) => {
    for (const selection of editor.selections) edit.replace(selection, code);
  });
  return applied ? undefined : { level: 'warning', message: 'The editor did not accept the insertion (is it read-only?).' };
}

/** Puts a "Copy as code" snippet on the clipboard or into a new untitled editor. */
export async function deliverSnippet(snippet: string, language: SnippetLanguage, target: 'clipboard' | 'editor'): Promise<ActionNotice> {
  if (target === 'clipboard') {
    await vscode.env.clipboard.writeText(snippet);
    return { level: 'info', message: `Copied the conversation as ${snippetLanguages[language].label}. The key is read from ANTHROPIC_API_KEY.` };
  }
  const document = await vscode.workspace.openTextDocument({ content: snippet, language: snippetLanguages[language].editorLanguage });
  await vscode.window.showTextDocument(document, { preview: false });
  return undefined;
}

/** Runs an error's action button (the page sent it back, so it is checked again): the fixes notifications offer, plus Show Log. */
export async function runAction(action: ChatAction, showLog: () => void): Promise<ActionNotice> {
  switch (action.kind) {
    case 'showLog':
      showLog();
      return undefined;
    case 'openUrl':
      return openLink(action.url);
    case 'openSettings':
      if (!isAllowedSetting(action.setting)) return { level: 'warning', message: `The chat does not open the setting "${action.setting}".` };
      break;
  }
  await runApiErrorAction(action);
  return undefined;
}
