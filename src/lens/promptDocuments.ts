import * as vscode from 'vscode';
import { extractPrompts, promptLanguageOf } from '../core/prompts/extract';
import { mentionsAnthropicSdk } from '../core/prompts/mentionsSdk';
import type { SyntaxDocument, SyntaxParsers, TextChange } from '../core/prompts/syntaxParser';
import type { PromptLanguage, PromptScan } from '../core/prompts/types';

/** Files bigger than this are not scanned (generated bundles, data files). */
const maxScannedChars = 2_000_000;
/** Parsed documents kept at once; the least recently used is dropped beyond this. */
const maxCachedDocuments = 30;

const emptyScan: PromptScan = { calls: [], literals: [] };

interface Entry {
  language: PromptLanguage;
  syntax: SyntaxDocument | undefined;
  /** The scan for `version`, or a scan in progress. */
  version: number;
  scan: Promise<PromptScan> | undefined;
  /** Edits arrived that cannot be replayed on the tree: reparse in full. */
  needsReset: boolean;
}

/**
 * The scans of open documents, keyed by uri and version: lenses and hovers for the same version share
 * one scan. Edits are passed to the syntax tree as they happen, so the next scan reparses incrementally.
 */
export class PromptDocuments implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly parsers: SyntaxParsers,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.drop(document.uri.toString())),
    ];
  }

  /** The prompts in `document` (empty for other languages and for files that never mention the SDK). */
  scan(document: vscode.TextDocument): Promise<PromptScan> {
    const language = promptLanguageOf(document.languageId, document.fileName);
    if (!language) return Promise.resolve(emptyScan);
    const key = document.uri.toString();
    let entry = this.entries.get(key);
    if (entry && entry.version === document.version && entry.scan) {
      this.touch(key, entry);
      return entry.scan;
    }
    if (!entry || entry.language !== language) {
      if (entry) this.drop(key);
      entry = { language, syntax: undefined, version: document.version, scan: undefined, needsReset: false };
    }
    entry.version = document.version;
    entry.scan = this.compute(document, entry);
    this.touch(key, entry);
    return entry.scan;
  }

  private async compute(document: vscode.TextDocument, entry: Entry): Promise<PromptScan> {
    const text = document.getText();
    if (text.length > maxScannedChars || !mentionsAnthropicSdk(text)) {
      // Nothing to parse; a tree kept from an earlier version would be stale anyway.
      entry.syntax?.dispose();
      entry.syntax = undefined;
      return emptyScan;
    }
    try {
      if (!entry.syntax) {
        entry.syntax = await this.parsers.open(entry.language, text);
        entry.needsReset = false;
      } else if (entry.needsReset) {
        entry.syntax.reset(text);
        entry.needsReset = false;
      }
      // The document may have changed while the parser loaded: scan what it holds now.
      const current = document.getText();
      if (current !== text) entry.syntax.reset(current);
      return extractPrompts(entry.syntax.tree(current), current, entry.language);
    } catch (error) {
      this.log.warn(`prompt scan of ${document.uri.fsPath} failed: ${error instanceof Error ? error.message : String(error)}`);
      entry.syntax?.dispose();
      entry.syntax = undefined;
      return emptyScan;
    }
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const entry = this.entries.get(event.document.uri.toString());
    if (!entry || event.contentChanges.length === 0) return;
    entry.scan = undefined;
    if (!entry.syntax || entry.needsReset) return;
    const changes = event.contentChanges;
    // Several changes at once (multi-cursor) come bottom-up, so each one's coordinates still hold after
    // the ones before it; anything else is reparsed in full rather than risk a wrong tree.
    const bottomUp = changes.every((change, i) => i === 0 || change.rangeOffset + change.rangeLength <= changes[i - 1].rangeOffset);
    if (!bottomUp) {
      entry.needsReset = true;
      return;
    }
    entry.syntax.applyChanges(changes.map(toTextChange));
  }

  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > maxCachedDocuments) {
      const oldest = this.entries.keys().next().value as string;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    // A scan in progress may still use (or be creating) the tree: dispose it once that scan settles.
    void (entry.scan ?? Promise.resolve()).finally(() => {
      entry.syntax?.dispose();
      entry.syntax = undefined;
    });
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const key of [...this.entries.keys()]) this.drop(key);
  }
}

function toTextChange(change: vscode.TextDocumentContentChangeEvent): TextChange {
  return {
    rangeOffset: change.rangeOffset,
    rangeLength: change.rangeLength,
    startLine: change.range.start.line,
    startCharacter: change.range.start.character,
    endLine: change.range.end.line,
    endCharacter: change.range.end.character,
    text: change.text,
  };
}
