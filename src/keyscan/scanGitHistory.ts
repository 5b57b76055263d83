import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import * as vscode from 'vscode';
import { familyOfKind } from '../core/keyscan/families';
import { scrubKeys } from '../core/scrubKeys';
import { HistoryScanner, historyLogArgs } from '../core/keyscan/history';
import { safeGitOptions } from '../core/keyscan/safeGit';
import type { HistoryFinding } from '../core/keyscan/history';
import type { Ctx } from '../ctx';
import type { GitFactsResolver } from './gitFacts';

/** A key found in history, with the repository it was found in. */
export interface RepositoryHistoryFinding extends HistoryFinding {
  repositoryRoot: string;
}

/**
 * Reads the whole history of every repository in the workspace (`git log --all -p`, streamed) and
 * lists each key ever added, with commit and file, in a quick pick and in the log. Picking one opens
 * the file as of that commit at the key's line. Only redacted forms are ever shown.
 * Resolves to the findings (the quick pick stays open on its own).
 */
export async function scanGitHistory(ctx: Ctx, git: GitFactsResolver): Promise<RepositoryHistoryFinding[]> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showInformationMessage('Scanning git history runs git in the folder: trust the folder first (Restricted Mode).');
    return [];
  }
  const api = await git.gitApi();
  const repositories = api?.repositories ?? [];
  if (!api || repositories.length === 0) {
    void vscode.window.showInformationMessage('No git repository is open in this workspace.');
    return [];
  }
  const findings: RepositoryHistoryFinding[] = [];
  let cancelled = false;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Scanning git history for keys', cancellable: true },
    async (progress, token) => {
      for (const repository of repositories) {
        if (token.isCancellationRequested) break;
        const root = repository.rootUri.fsPath;
        progress.report({ message: path.basename(root) });
        for (const finding of await scanRepositoryHistory(root, token, (commits) => progress.report({ message: `${path.basename(root)}: ${commits} commits` }))) {
          findings.push({ ...finding, repositoryRoot: root });
        }
      }
      cancelled = token.isCancellationRequested;
    },
  );
  for (const finding of findings) {
    ctx.log.warn(`history: ${finding.redacted} in ${finding.file}:${finding.line} added by ${finding.commit.slice(0, 10)} (${finding.date}) "${finding.subject}"`);
  }
  ctx.log.info(`git history key scan: ${findings.length} finding(s)${cancelled ? ' (cancelled)' : ''}`);
  if (findings.length === 0) {
    void vscode.window.showInformationMessage(cancelled ? 'History scan cancelled; no keys found so far.' : 'No keys found anywhere in git history.');
    return findings;
  }
  void showFindings(api.toGitUri.bind(api), findings);
  return findings;
}

function scanRepositoryHistory(root: string, token: vscode.CancellationToken, onCommit: (commits: number) => void): Promise<HistoryFinding[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...safeGitOptions, ...historyLogArgs], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const scanner = new HistoryScanner();
    let commits = 0;
    let errors = '';
    const cancel = token.onCancellationRequested(() => child.kill());
    child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (line.startsWith('\0commit ') && ++commits % 100 === 0) onCommit(commits);
      scanner.pushLine(line);
    });
    child.on('error', (error) => {
      cancel.dispose();
      reject(error);
    });
    // 'close' comes after stdout has ended, so every line has been read by then.
    child.on('close', (code) => {
      cancel.dispose();
      // An empty repository (no commits) makes `git log` fail; that simply has no history.
      if (code !== 0 && !token.isCancellationRequested && !/does not have any commits|bad default revision/.test(errors)) {
        reject(new Error(`git log failed in ${root}: ${errors.trim().split('\n').pop() ?? code}`));
      } else {
        resolve(scanner.finish());
      }
    });
  });
}

async function showFindings(toGitUri: (uri: vscode.Uri, ref: string) => vscode.Uri, findings: RepositoryHistoryFinding[]): Promise<void> {
  const items = findings.map((finding) => ({
    label: `$(key) ${finding.redacted}`,
    description: `${finding.file}:${finding.line}`,
    // A commit subject is free text and may itself hold a key.
    detail: `${familyOfKind(finding.kind).label} · ${finding.commit.slice(0, 10)} · ${finding.date.slice(0, 10)} · ${scrubKeys(finding.subject)}`,
    finding,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `${findings.length} key(s) in git history: rotate every one of them`,
    placeHolder: 'Pick one to open the file as of that commit',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return;
  const { finding } = picked;
  const uri = toGitUri(vscode.Uri.file(path.join(finding.repositoryRoot, finding.file)), finding.commit);
  const line = Math.max(0, finding.line - 1);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0), preview: true });
}
