import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { toFindings } from '../core/keyscan/fileScan';
import type { FileScan, JobResult, ScanJob } from '../core/keyscan/fileScan';
import { fileFilter, listFiles } from '../core/keyscan/fileWalk';
import { ScanPool } from '../core/keyscan/scanPool';
import type { Ctx } from '../ctx';
import type { KeyLinter } from './keyLinter';

/** What a workspace scan did; also the command's return value (tests read it). */
export interface WorkspaceScanSummary {
  filesScanned: number;
  /** Too large (`claudeApi.keyScan.maxFileSizeMB`), binary, not a regular file, outside the folder or unreadable. */
  filesSkipped: number;
  filesWithKeys: number;
  keys: number;
  cancelled: boolean;
}

/**
 * Scans every file under each workspace folder, listed exactly as `claude-keyscan` lists them (git-ignored
 * files included, `.git` and dependency folders skipped, no symbolic links followed), and puts the keys
 * it finds into the Problems panel, judged by git exactly as the live linter does. Folders are listed
 * asynchronously and files are read and scanned by the CLI's worker pool (`workerScript`, its bundle),
 * so the extension host only judges the few files that hold keys; Cancel stops the walk and the workers.
 * Open documents are scanned as the editor holds them (unsaved changes included).
 */
export async function scanWorkspace(ctx: Ctx, linter: KeyLinter, workerScript: string | undefined, caller?: vscode.CancellationToken): Promise<WorkspaceScanSummary> {
  const summary: WorkspaceScanSummary = { filesScanned: 0, filesSkipped: 0, filesWithKeys: 0, keys: 0, cancelled: false };
  const maxBytes = ctx.config.keyScanMaxFileSizeMB * 1024 * 1024;
  const started = performance.now();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Scanning the workspace for hardcoded keys', cancellable: true },
    async (progress, notification) => {
      // Cancel in the notification, or the caller's token (tests, other commands).
      const tokens = [notification, ...(caller ? [caller] : [])];
      const token = { get isCancellationRequested() { return tokens.some((one) => one.isCancellationRequested); } };
      const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
      const judging: Promise<void>[] = [];
      let listed = 0;
      let listing = true;
      let done = 0;
      const count = (keys: number | undefined) => {
        if (keys === undefined) summary.filesSkipped++;
        else {
          summary.filesScanned++;
          summary.keys += keys;
          if (keys > 0) summary.filesWithKeys++;
        }
        if (++done % 50 === 0) progress.report({ message: `${done} of ${listed}${listing ? '+' : ''} files` });
      };
      const pool = new ScanPool({
        maxBytes,
        workerScript: workerScript && fs.existsSync(workerScript) ? workerScript : undefined,
        // One core stays with the editor.
        threads: Math.max(1, (os.availableParallelism?.() ?? os.cpus().length) - 1),
        onFile: (job, result) => judging.push(judgeResult(linter, job, result).then(count)),
      });
      const cancelling = tokens.map((one) => one.onCancellationRequested(() => pool.cancel()));
      try {
        const filter = fileFilter({});
        for (const folder of vscode.workspace.workspaceFolders ?? []) {
          if (folder.uri.scheme !== 'file' || token.isCancellationRequested) continue;
          // Files keep the folder's own path (the editor's URIs); each must really lie inside it when opened.
          const root = await fs.promises.realpath(folder.uri.fsPath);
          for await (const files of listFiles(folder.uri.fsPath, filter)) {
            if (token.isCancellationRequested) break;
            listed += files.length;
            const jobs: ScanJob[] = [];
            for (const file of files) {
              const document = open.get(vscode.Uri.file(file.absolute).toString());
              if (document) judging.push(judgeDocument(linter, document).then(count));
              else jobs.push({ absolute: file.absolute, root });
            }
            pool.add(jobs);
          }
        }
        listing = false;
        await pool.finish();
        await Promise.all(judging);
      } finally {
        for (const subscription of cancelling) subscription.dispose();
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

/** Publishes what the pool found in one file on disk; returns its number of keys, undefined when it was skipped. */
async function judgeResult(linter: KeyLinter, job: ScanJob, result: JobResult): Promise<number | undefined> {
  if (result.kind === 'skipped') return undefined;
  const uri = vscode.Uri.file(job.absolute);
  if (result.kind === 'clean') {
    // A file that lost its keys on disk loses its diagnostics too.
    if (linter.diagnostics.has(uri)) linter.publish(uri, { diagnostics: [] });
    return 0;
  }
  const judged = await linter.judgeFindings(uri, toFindings(result.scan), positionsOf(result.scan));
  if (judged.diagnostics.length > 0 || linter.diagnostics.has(uri)) linter.publish(uri, judged);
  return judged.file?.findings.length ?? 0;
}

/** Positions of the findings' ends, as the worker worked them out from the bytes. */
function positionsOf(scan: FileScan): (offset: number) => vscode.Position {
  const positions = new Map<number, vscode.Position>();
  for (const key of scan.keys) {
    positions.set(key.start, new vscode.Position(key.startAt.line - 1, key.startAt.column - 1));
    positions.set(key.end, new vscode.Position(key.endAt.line - 1, key.endAt.column - 1));
  }
  return (offset) => positions.get(offset) ?? new vscode.Position(0, 0);
}

/** Judges an open document from the editor's text. */
async function judgeDocument(linter: KeyLinter, document: vscode.TextDocument): Promise<number> {
  const result = await linter.judge(document.uri, document.getText(), (offset) => document.positionAt(offset));
  if (result.diagnostics.length > 0 || linter.diagnostics.has(document.uri)) linter.publish(document.uri, result);
  return result.file?.findings.length ?? 0;
}
