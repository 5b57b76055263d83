import * as vscode from 'vscode';
import { fileFilter, walkFiles } from '../core/keyscan/fileWalk';
import type { ListedFile } from '../core/keyscan/fileWalk';
import { LineIndex } from '../core/keyscan/lineIndex';
import { readCandidate } from '../core/keyscan/readCandidate';
import type { Ctx } from '../ctx';
import type { KeyLinter } from './keyLinter';

/** What a workspace scan did; also the command's return value (tests read it). */
export interface WorkspaceScanSummary {
  filesScanned: number;
  /** Too large (`claudeApi.keyScan.maxFileSizeMB`), binary, not a regular file or unreadable. */
  filesSkipped: number;
  filesWithKeys: number;
  keys: number;
  cancelled: boolean;
}

/** Files read between two yields to the event loop: the extension host stays responsive. */
const filesPerSlice = 25;

/**
 * Scans every file under each workspace folder, listed exactly as `claude-keyscan` lists them (git-ignored
 * files included, `.git` and dependency folders skipped, no symbolic links followed), and puts the keys
 * it finds into the Problems panel, judged by git exactly as the live linter does.
 */
export async function scanWorkspace(ctx: Ctx, linter: KeyLinter): Promise<WorkspaceScanSummary> {
  const summary: WorkspaceScanSummary = { filesScanned: 0, filesSkipped: 0, filesWithKeys: 0, keys: 0, cancelled: false };
  const maxBytes = ctx.config.keyScanMaxFileSizeMB * 1024 * 1024;
  const started = performance.now();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Scanning the workspace for hardcoded keys', cancellable: true },
    async (progress, token) => {
      const filter = fileFilter({});
      const files: ListedFile[] = [];
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        // One push per file: spreading a large tree's list into one call overflows the stack.
        if (folder.uri.scheme === 'file') for (const file of walkFiles(folder.uri.fsPath, filter)) files.push(file);
      }
      const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
      for (let i = 0; i < files.length && !token.isCancellationRequested; i++) {
        if (i % filesPerSlice === 0) await new Promise((resolve) => setImmediate(resolve));
        const uri = vscode.Uri.file(files[i].absolute);
        const keys = await scanOne(linter, uri, open.get(uri.toString()), maxBytes);
        if (keys === undefined) summary.filesSkipped++;
        else {
          summary.filesScanned++;
          summary.keys += keys;
          if (keys > 0) summary.filesWithKeys++;
        }
        const done = i + 1;
        if (done % 50 === 0 || done === files.length) progress.report({ message: `${done} of ${files.length} files`, increment: (50 / Math.max(1, files.length)) * 100 });
      }
      summary.cancelled = token.isCancellationRequested;
    },
  );
  ctx.log.info(
    `workspace key scan: ${summary.keys} key(s) in ${summary.filesWithKeys} file(s); ${summary.filesScanned} scanned, ${summary.filesSkipped} skipped` +
      ` in ${((performance.now() - started) / 1000).toFixed(1)} s${summary.cancelled ? ' (cancelled)' : ''}`,
  );
  const headline = summary.keys === 0 ? 'No hardcoded keys found' : `Found ${summary.keys} hardcoded key(s) in ${summary.filesWithKeys} file(s)`;
  const detail = `${summary.filesScanned} files scanned, ${summary.filesSkipped} skipped${summary.cancelled ? '; scan cancelled' : ''}.`;
  void vscode.window.showInformationMessage(`${headline}. ${detail}`, ...(summary.keys > 0 ? ['Show Problems'] : [])).then((choice) =>
    choice ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined,
  );
  return summary;
}

/** Keys found in one file, or undefined when it was skipped. */
async function scanOne(linter: KeyLinter, uri: vscode.Uri, document: vscode.TextDocument | undefined, maxBytes: number): Promise<number | undefined> {
  let text: string;
  let toPosition: (offset: number) => vscode.Position;
  if (document) {
    text = document.getText();
    toPosition = (offset) => document.positionAt(offset);
  } else {
    const read = readCandidate(uri.fsPath, maxBytes);
    if (read.kind === 'skipped') return undefined;
    if (read.kind === 'no-key') {
      // A file that lost its keys on disk loses its diagnostics too.
      if (linter.diagnostics.has(uri)) linter.publish(uri, { diagnostics: [] });
      return 0;
    }
    text = read.text;
    const lines = new LineIndex(text);
    toPosition = (offset) => {
      const { line, column } = lines.position(offset);
      return new vscode.Position(line - 1, column - 1);
    };
  }
  const result = await linter.judge(uri, text, toPosition);
  if (result.diagnostics.length > 0 || linter.diagnostics.has(uri)) linter.publish(uri, result);
  return result.file?.findings.length ?? 0;
}
