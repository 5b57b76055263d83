import * as vscode from 'vscode';
import { LineIndex } from '../core/keyscan/lineIndex';
import type { Ctx } from '../ctx';
import type { KeyLinter } from './keyLinter';

/** What a workspace scan did; also the command's return value (tests read it). */
export interface WorkspaceScanSummary {
  filesScanned: number;
  /** Too large (`claudeApi.keyScan.maxFileSizeMB`), binary or unreadable. */
  filesSkipped: number;
  filesWithKeys: number;
  keys: number;
  cancelled: boolean;
}

/** Files read at the same time: enough to hide disk latency, few enough to keep the host responsive. */
const parallelReads = 8;

/**
 * Scans every file of the workspace (minus `files.exclude`, binaries and files over the size limit)
 * and puts the keys it finds into the Problems panel, judged by git exactly as the live linter does.
 */
export async function scanWorkspace(ctx: Ctx, linter: KeyLinter): Promise<WorkspaceScanSummary> {
  const summary: WorkspaceScanSummary = { filesScanned: 0, filesSkipped: 0, filesWithKeys: 0, keys: 0, cancelled: false };
  const maxBytes = ctx.config.keyScanMaxFileSizeMB * 1024 * 1024;
  const started = performance.now();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Scanning the workspace for hardcoded keys', cancellable: true },
    async (progress, token) => {
      // `undefined` excludes mean: apply the user's `files.exclude`.
      const files = await vscode.workspace.findFiles('**/*', undefined, undefined, token);
      const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
      let next = 0;
      const worker = async () => {
        while (next < files.length && !token.isCancellationRequested) {
          const uri = files[next++];
          const keys = await scanOne(ctx, linter, uri, open.get(uri.toString()), maxBytes);
          if (keys === undefined) summary.filesSkipped++;
          else {
            summary.filesScanned++;
            summary.keys += keys;
            if (keys > 0) summary.filesWithKeys++;
          }
          const done = summary.filesScanned + summary.filesSkipped;
          if (done % 50 === 0 || done === files.length) progress.report({ message: `${done} of ${files.length} files`, increment: (50 / Math.max(1, files.length)) * 100 });
        }
      };
      await Promise.all(Array.from({ length: parallelReads }, worker));
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
async function scanOne(ctx: Ctx, linter: KeyLinter, uri: vscode.Uri, document: vscode.TextDocument | undefined, maxBytes: number): Promise<number | undefined> {
  let text: string;
  let toPosition: (offset: number) => vscode.Position;
  if (document) {
    text = document.getText();
    toPosition = (offset) => document.positionAt(offset);
  } else {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > maxBytes) return undefined;
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.subarray(0, 8000).includes(0)) return undefined;
      text = new TextDecoder('utf-8').decode(bytes);
    } catch (error) {
      ctx.log.debug(`workspace key scan skipped ${uri.toString(true)}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
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
