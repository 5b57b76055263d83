import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatSession } from '../core/chat/chatSession';
import { ChatRequestRefused } from '../core/chat/chatSession';
import type { AttachmentInput } from '../core/chat/attachments/prepareAttachment';
import { AttachmentRefused } from '../core/chat/attachments/attachmentRefused';
import { checkFileSize } from '../core/chat/attachments/fileSize';
import { errorMessage } from '../core/errorMessage';
import type { AttachmentView } from '../shared/chatProtocol';

/** Schemes a dropped or picked file may come from: the local or remote file system (never http, never a command). */
const readableSchemes = new Set(['file', 'vscode-remote']);

/** What attaching several files did: the attachments added, and one sentence per file refused. */
export interface AttachResult {
  added: AttachmentView[];
  refused: string[];
}

/** How a file is named in the chat and to the model: its path in the workspace, else its file name. */
function displayName(uri: vscode.Uri): string {
  const relative = vscode.workspace.asRelativePath(uri, false);
  return relative === uri.fsPath || relative === uri.toString() ? path.posix.basename(uri.path) : relative;
}

/** The fence language of a text file: the open document's language, else its extension. */
function languageOf(uri: vscode.Uri): string | undefined {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  return open?.languageId ?? (/\.([\w+-]{1,20})$/.exec(uri.path)?.[1]?.toLowerCase() || undefined);
}

/** Reads one file for the chat; its size is checked before it is read (a 50 MB file is never loaded). */
async function readFile(uri: vscode.Uri): Promise<AttachmentInput> {
  const name = displayName(uri);
  if (!readableSchemes.has(uri.scheme)) throw new AttachmentRefused(`"${name}" is not a file on disk, so it cannot be attached.`);
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.type & vscode.FileType.Directory) throw new AttachmentRefused(`"${name}" is a folder: attach the files in it instead.`);
  checkFileSize(name, stat.size);
  const input: AttachmentInput = { source: 'file', name, bytes: await vscode.workspace.fs.readFile(uri) };
  const languageId = languageOf(uri);
  if (languageId) input.languageId = languageId;
  return input;
}

/** Attaches files (Explorer selection, a drop); each refused one is named with its reason, the others are added. */
export async function attachFiles(session: ChatSession, uris: readonly vscode.Uri[]): Promise<AttachResult> {
  const result: AttachResult = { added: [], refused: [] };
  for (const uri of uris) {
    try {
      result.added.push(await session.addAttachment(await readFile(uri)));
    } catch (error) {
      if (error instanceof AttachmentRefused || error instanceof ChatRequestRefused) result.refused.push(error.message);
      else result.refused.push(`"${displayName(uri)}" could not be read (${errorMessage(error)}).`);
    }
  }
  return result;
}

/** Parses the URIs a page sent (a drop from the Explorer or an editor tab); unparsable ones are left out. */
export function parseDroppedUris(uris: readonly string[]): vscode.Uri[] {
  const parsed: vscode.Uri[] = [];
  for (const uri of uris) {
    try {
      parsed.push(vscode.Uri.parse(uri, true));
    } catch {
      // not a URI: nothing to attach
    }
  }
  return parsed;
}

/**
 * The editor's selections as attachments: each non-empty selection with its file name and lines. A
 * selection ending at the start of a line does not count that line (what a line-wise selection does).
 */
export function selectionInputs(editor: vscode.TextEditor): AttachmentInput[] {
  const document = editor.document;
  const name = document.isUntitled ? path.basename(document.fileName) : displayName(document.uri);
  return editor.selections
    .filter((selection) => !selection.isEmpty)
    .map((selection) => {
      const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
      return {
        source: 'selection' as const,
        name,
        text: document.getText(selection),
        languageId: document.languageId,
        lines: { start: selection.start.line + 1, end: endLine + 1 },
      };
    });
}
