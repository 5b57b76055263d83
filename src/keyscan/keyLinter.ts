import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KeyFinding } from '../core/keyscan/finding';
import { classifyGitState, isEnvFile } from '../core/keyscan/gitState';
import type { GitState } from '../core/keyscan/gitState';
import { scanTextWithin } from '../core/keyscan/scanText';
import { AllowLists } from './allowLists';
import type { Ctx } from '../ctx';
import type { FileGitFacts, GitFactsResolver } from './gitFacts';
import { envFileDiagnostic, keyDiagnostic } from './keyDiagnostics';
import type { ToPosition } from './keyDiagnostics';
import { errorMessage } from '../core/errorMessage';

/** The last judgement of one document, kept for quick fixes. */
export interface LintedFile {
  findings: { finding: KeyFinding; state: GitState }[];
  git: FileGitFacts;
}

/** The diagnostics for one text, and whether the scan got to its end within its time budget. */
export interface JudgedText {
  diagnostics: vscode.Diagnostic[];
  file?: LintedFile;
  complete: boolean;
}

/** Documents that are views of something else (logs, git history, output), never linted. */
const skippedSchemes = new Set(['output', 'git', 'gitfs', 'debug', 'vscode-scm', 'comment', 'vscode-terminal', 'vscode-chat-code-block']);

/** Typing pauses this long before a scan; large files wait longer so bursts of typing cost one scan. */
const debounceMs = 250;
const largeDebounceMs = 750;
const largeDocumentChars = 1024 * 1024;
/**
 * Longest a live scan of one document may take. The scan is linear and far faster than this on any
 * text (a 5 MB bundle takes milliseconds), so the budget only matters on a machine under heavy load;
 * what was found before it ran out is still shown.
 */
const documentBudgetMs = 250;
/** A scan cut short is retried this much later with four times the budget, up to the largest budget. */
const retryDelayMs = 2000;
const maxDocumentBudgetMs = 4000;

/**
 * Diagnostics for hardcoded keys in every open text document, as you type. The scan itself runs
 * after a debounce (never inside the change event), and a result is dropped when the document changed
 * while git was being asked, so a stale judgement never lands.
 */
export class KeyLinter implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('claude-keyscan');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly linted = new Map<string, LintedFile>();
  private readonly subscriptions: vscode.Disposable[] = [this.diagnostics];
  private readonly allowLists = new AllowLists();

  constructor(
    private readonly ctx: Ctx,
    private readonly git: GitFactsResolver,
  ) {}

  start(): void {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.closed(document)),
      vscode.workspace.onDidDeleteFiles((event) => {
        for (const uri of event.files) this.forget(uri);
      }),
      // Staging, committing or editing .gitignore changes severities of keys already shown.
      this.git.onDidChange(() => this.relintOpen(largeDebounceMs)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('claudeApi.keyScan.enabled')) this.relintOpen(0);
      }),
      // In Restricted Mode keys are judged without git; once the folder is trusted, git tells where they stand.
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.git.forgetAll();
        this.relintOpen(0);
      }),
    );
    this.relintOpen(0);
  }

  /** Re-judges every open document (after git or settings changed). */
  relintOpen(delay = 0): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, delay);
  }

  /** The last judgement of a document, if it had keys. */
  lintedFile(uri: vscode.Uri): LintedFile | undefined {
    return this.linted.get(uri.toString());
  }

  private schedule(document: vscode.TextDocument, delay?: number, budgetMs = documentBudgetMs): void {
    if (skippedSchemes.has(document.uri.scheme)) return;
    const id = document.uri.toString();
    clearTimeout(this.timers.get(id));
    const wait = delay ?? (documentLength(document) > largeDocumentChars ? largeDebounceMs : debounceMs);
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        void this.lintDocument(document, budgetMs).catch((error: unknown) => {
          this.ctx.log.error(`key scan of ${document.uri.toString(true)} failed: ${errorMessage(error)}`);
        });
      }, wait),
    );
  }

  private async lintDocument(document: vscode.TextDocument, budgetMs: number): Promise<void> {
    if (document.isClosed) return;
    if (!this.ctx.config.keyScanEnabled) {
      this.forget(document.uri);
      return;
    }
    const version = document.version;
    const started = performance.now();
    const text = document.getText();
    const result = await this.judge(document.uri, text, (offset) => document.positionAt(offset), budgetMs);
    if (text.length > largeDocumentChars) {
      this.ctx.log.debug(`key scan of ${(text.length / 1048576).toFixed(1)} MB document took ${(performance.now() - started).toFixed(1)} ms`);
    }
    // The document moved on while git was asked: a newer scan is already scheduled.
    if (document.isClosed || document.version !== version) return;
    if (!result.complete && budgetMs < maxDocumentBudgetMs) {
      // Cut short (a machine under heavy load): keep what is shown rather than drop keys past the cut.
      this.schedule(document, retryDelayMs, budgetMs * 4);
      return;
    }
    this.publish(document.uri, result);
  }

  /**
   * Scans `text` (the content of `uri`) and judges each key by git. Shared by the live linter and the
   * workspace scan, so both give the same answers.
   */
  async judge(uri: vscode.Uri, text: string, toPosition: ToPosition, budgetMs?: number): Promise<JudgedText> {
    const scan = scanTextWithin(text, { budgetMs });
    const { complete } = scan;
    if (!complete) {
      this.ctx.log.warn(`key scan of ${uri.toString(true)} stopped after ${budgetMs} ms (${(text.length / 1048576).toFixed(1)} MB); keys past that point are not judged in this scan`);
    }
    return { ...(await this.judgeFindings(uri, scan.findings, toPosition)), complete };
  }

  /** Judges keys already found in the content of `uri` (those marked allowed are left out). */
  async judgeFindings(uri: vscode.Uri, found: readonly KeyFinding[], toPosition: ToPosition): Promise<Omit<JudgedText, 'complete'>> {
    const unmarked = found.filter((finding) => !finding.allowed);
    if (unmarked.length === 0) return { diagnostics: [] };
    const git = await this.git.forDocument(uri);
    const root = git.repository?.rootUri ?? vscode.workspace.getWorkspaceFolder(uri)?.uri;
    const relative = root && uri.scheme === 'file' ? path.relative(root.fsPath, uri.fsPath).split(path.sep).join('/') : vscode.workspace.asRelativePath(uri, false);
    const allowList = root?.scheme === 'file' ? this.allowLists.of(root.fsPath) : undefined;
    const findings = unmarked.filter((finding) => !allowList?.allows(relative, toPosition(finding.start).line + 1, finding.fingerprint));
    if (findings.length === 0) return { diagnostics: [] };
    const judged = findings.map((finding) => ({ finding, state: classifyGitState(git.factsFor(finding.fingerprint)) }));
    const diagnostics = judged.map(({ finding, state }) => keyDiagnostic(finding, state, toPosition, relative));
    if (git.repository && !git.ignored && isEnvFile(uri.path)) diagnostics.push(envFileDiagnostic(findings[0], toPosition));
    return { diagnostics, file: { findings: judged, git } };
  }

  publish(uri: vscode.Uri, result: { diagnostics: vscode.Diagnostic[]; file?: LintedFile }): void {
    const id = uri.toString();
    if (result.file) this.linted.set(id, result.file);
    else this.linted.delete(id);
    this.diagnostics.set(uri, result.diagnostics);
  }

  private closed(document: vscode.TextDocument): void {
    clearTimeout(this.timers.get(document.uri.toString()));
    // A file's keys stay on disk after its editor closes; only unsaved buffers take theirs along.
    if (document.uri.scheme !== 'file') this.forget(document.uri);
  }

  private forget(uri: vscode.Uri): void {
    this.linted.delete(uri.toString());
    this.diagnostics.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }
}

/** Characters in the document, without copying its text. */
function documentLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}
