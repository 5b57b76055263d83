import * as vscode from 'vscode';
import { extractPrompts, promptLanguageOf, shiftScan } from '../core/prompts/extract';
import { mentionsAnthropicSdk } from '../core/prompts/mentionsSdk';
import type { JoinedCells } from '../core/prompts/notebookCells';
import { cellRegion, joinCells } from '../core/prompts/notebookCells';
import { PromptScanner } from '../core/prompts/incrementalScan';
import type { SyntaxDocument, SyntaxParsers } from '../core/prompts/syntaxParser';
import type { PromptLanguage, PromptScan, TextChange } from '../core/prompts/types';
import { errorMessage } from '../core/errorMessage';

/** Files bigger than this are not scanned (generated bundles, data files). */
const maxScannedChars = 2_000_000;
/** Parsed documents kept at once; the least recently used is dropped beyond this. */
const maxCachedDocuments = 30;
/** Parsed notebooks kept at once (one tree per notebook, shared by its cells). */
const maxCachedNotebooks = 5;

const emptyScan: PromptScan = { calls: [], literals: [] };

interface Entry {
  language: PromptLanguage;
  syntax: SyntaxDocument | undefined;
  /** Keeps the last scan, so an edit re-reads only what it touches. */
  scanner: PromptScanner;
  /** The tree being made for the first scan. */
  opening?: Promise<SyntaxDocument>;
  /** The scan for `version`, or a scan in progress. */
  version: number;
  scan: Promise<PromptScan> | undefined;
  /** Edits arrived that cannot be replayed on the tree: reparse in full. */
  needsReset: boolean;
}

/** One notebook's code cells of one language, parsed as a whole; each cell's scan is a region of it. */
interface NotebookEntry {
  joined: JoinedCells;
  syntax: Promise<SyntaxDocument | undefined>;
  /** Scans by cell index, for this text. */
  scans: Map<number, Promise<PromptScan>>;
}

/**
 * The scans of open documents, keyed by uri and version: lenses and hovers for the same version share
 * one scan. Edits are passed to the syntax tree as they happen, so the next scan reparses incrementally.
 */
export class PromptDocuments implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly notebooks = new Map<string, NotebookEntry>();
  private readonly notebookChanged = new vscode.EventEmitter<void>();
  /** A notebook cell changed, or cells moved: the scans of the cells below it may change too. */
  readonly onDidChangeNotebook = this.notebookChanged.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly parsers: SyntaxParsers,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.drop(document.uri.toString())),
      vscode.workspace.onDidChangeNotebookDocument((event) => {
        if (event.contentChanges.length > 0 || event.cellChanges.some((change) => change.document)) this.notebookChanged.fire();
      }),
      vscode.workspace.onDidCloseNotebookDocument((notebook) => {
        for (const key of [...this.notebooks.keys()]) if (key.startsWith(`${notebook.uri.toString()}#`)) this.dropNotebook(key);
      }),
    ];
  }

  /** The prompts in `document` (empty for other languages and for files that never mention the SDK). */
  scan(document: vscode.TextDocument): Promise<PromptScan> {
    const language = promptLanguageOf(document.languageId, document.fileName);
    if (!language) return Promise.resolve(emptyScan);
    if (document.uri.scheme === 'vscode-notebook-cell') {
      const cell = findCell(document);
      if (cell) return this.scanCell(cell, language);
    }
    const key = document.uri.toString();
    let entry = this.entries.get(key);
    if (entry && entry.version === document.version && entry.scan) {
      this.touch(key, entry);
      return entry.scan;
    }
    if (!entry || entry.language !== language) {
      if (entry) this.drop(key);
      entry = { language, syntax: undefined, scanner: new PromptScanner(language), version: document.version, scan: undefined, needsReset: false };
    }
    entry.version = document.version;
    entry.scan = this.compute(document, entry);
    this.touch(key, entry);
    return entry.scan;
  }

  /**
   * A notebook cell: its calls, read with the code cells above it (same language, displayed order), as
   * the kernel would have run them. One parse of the notebook serves every cell until a cell changes.
   */
  private scanCell(cell: vscode.NotebookCell, language: PromptLanguage): Promise<PromptScan> {
    const cells = cell.notebook.getCells().filter((other) => other.kind === vscode.NotebookCellKind.Code && other.document.languageId === cell.document.languageId);
    const index = cells.findIndex((other) => other.document === cell.document);
    const texts = cells.map((other) => other.document.getText());
    const joined = joinCells(texts);
    const key = `${cell.notebook.uri.toString()}#${language}`;
    let entry = this.notebooks.get(key);
    if (!entry || entry.joined.text !== joined.text) {
      if (entry) this.dropNotebook(key);
      const sdk = joined.text.length <= maxScannedChars && mentionsAnthropicSdk(joined.text);
      entry = { joined, syntax: sdk ? this.parsers.open(language, joined.text) : Promise.resolve(undefined), scans: new Map() };
      entry.syntax.catch((error: unknown) => this.log.warn(`prompt scan of ${cell.notebook.uri.fsPath} failed: ${errorMessage(error)}`));
      this.notebooks.set(key, entry);
      while (this.notebooks.size > maxCachedNotebooks) this.dropNotebook(this.notebooks.keys().next().value as string);
    }
    let scan = entry.scans.get(index);
    if (!scan) {
      const { syntax } = entry;
      scan = syntax.then(
        (document) => {
          if (!document) return emptyScan;
          const region = cellRegion(joined, index, texts[index].length);
          return shiftScan(extractPrompts(document.tree(joined.text), joined.text, language, region), -region.start);
        },
        () => emptyScan,
      );
      entry.scans.set(index, scan);
    }
    return scan;
  }

  private dropNotebook(key: string): void {
    const entry = this.notebooks.get(key);
    if (!entry) return;
    this.notebooks.delete(key);
    // Scans already waiting on the tree were queued first and run before this disposal.
    void entry.syntax.then((document) => document?.dispose(), () => undefined);
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
        // Scans of later versions may start while the parser loads: they share one tree rather than each making one.
        entry.opening ??= this.parsers.open(entry.language, text).finally(() => (entry.opening = undefined));
        entry.syntax = await entry.opening;
        entry.needsReset = false;
      } else if (entry.needsReset) {
        entry.syntax.reset(text);
        entry.needsReset = false;
      }
      // The document may have changed while the parser loaded: scan what it holds now.
      const current = document.getText();
      if (current !== text) entry.syntax.reset(current);
      const tree = entry.syntax.tree(current);
      return entry.scanner.scan(tree.rootNode, current, entry.syntax.takeChanges());
    } catch (error) {
      entry.scanner.forget();
      this.log.warn(`prompt scan of ${document.uri.fsPath} failed: ${errorMessage(error)}`);
      entry.syntax?.dispose();
      entry.syntax = undefined;
      return emptyScan;
    }
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    if (event.document.uri.scheme === 'vscode-notebook-cell' && event.contentChanges.length > 0) this.notebookChanged.fire();
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
    for (const key of [...this.notebooks.keys()]) this.dropNotebook(key);
    this.notebookChanged.dispose();
  }
}

/** The notebook cell a `vscode-notebook-cell:` document belongs to, if its notebook is open. */
function findCell(document: vscode.TextDocument): vscode.NotebookCell | undefined {
  for (const notebook of vscode.workspace.notebookDocuments) {
    if (notebook.uri.path !== document.uri.path) continue;
    const cell = notebook.getCells().find((candidate) => candidate.document === document);
    if (cell) return cell;
  }
  return undefined;
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
