import type * as TreeSitter from 'web-tree-sitter';
import type { Edit, Language, Parser, Tree } from 'web-tree-sitter';
import { rangeCoveringChange } from './offsetMapping';
import type { OffsetRange, PromptLanguage, TextChange } from './types';

/** Maps a wasm file name (`web-tree-sitter.wasm`, `tree-sitter-python.wasm`) to its path on disk. */
export type LocateWasm = (file: string) => string;

const grammarFiles: Record<PromptLanguage, string> = {
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  python: 'tree-sitter-python.wasm',
};

/** Every wasm file the scanner needs at run time (copied next to the bundle). */
export const wasmFiles = ['web-tree-sitter.wasm', ...Object.values(grammarFiles)];

/**
 * Loads web-tree-sitter and the grammars on first use only: nothing is imported or compiled until a
 * file that mentions the SDK is opened. One parser per language, reused for every document.
 */
export class SyntaxParsers {
  private runtime: Promise<typeof TreeSitter> | undefined;
  private readonly parsers = new Map<PromptLanguage, Promise<Parser>>();

  constructor(private readonly locate: LocateWasm) {}

  /** Parses `text` into a document that can follow edits. */
  async open(language: PromptLanguage, text: string): Promise<SyntaxDocument> {
    const parser = await this.parserFor(language);
    const runtime = await this.runtime!;
    return new SyntaxDocument(parser, runtime.Edit, language, text);
  }

  parserFor(language: PromptLanguage): Promise<Parser> {
    let parser = this.parsers.get(language);
    if (!parser) {
      parser = this.createParser(language);
      // A failed load (missing wasm) must be retried next time, not cached forever.
      parser.catch(() => this.parsers.delete(language));
      this.parsers.set(language, parser);
    }
    return parser;
  }

  private async createParser(language: PromptLanguage): Promise<Parser> {
    this.runtime ??= import('web-tree-sitter').then(async (module) => {
      await module.Parser.init({ locateFile: () => this.locate('web-tree-sitter.wasm') });
      return module;
    });
    let runtime: typeof TreeSitter;
    try {
      runtime = await this.runtime;
    } catch (error) {
      this.runtime = undefined;
      throw error;
    }
    const grammar: Language = await runtime.Language.load(this.locate(grammarFiles[language]));
    const parser = new runtime.Parser();
    parser.setLanguage(grammar);
    return parser;
  }

  dispose(): void {
    for (const parser of this.parsers.values()) void parser.then((p) => p.delete(), () => undefined);
    this.parsers.clear();
  }
}

/**
 * Edits remembered between two scans at most: past this (a replace-all, or a document edited while no
 * scan asks for it) the next scan reads the whole text, and nothing more is kept meanwhile.
 */
export const maxTrackedEdits = 64;

/** What changed in a document's text and tree since the last `takeChanges()`. */
export interface TreeChanges {
  /** The edits, in order (each in the text as it was after the ones before it). */
  edits: TextChange[];
  /** Ranges of the current text whose syntax changed, where the parser saw more change than the edits. */
  changedRanges: OffsetRange[];
}

/**
 * A parsed document that follows edits incrementally: `applyChanges` tells the old tree what moved
 * (cheap), and the next `tree(text)` reparses reusing every unchanged subtree (~1 ms for a one-line
 * edit in 5,000 lines, against ~60 ms for a full parse).
 */
export class SyntaxDocument {
  private current: Tree;
  private stale = false;
  /** Changes since the last `takeChanges()`; undefined after a full parse (everything changed). */
  private changes: TreeChanges | undefined;

  constructor(
    private readonly parser: Parser,
    private readonly EditClass: typeof Edit,
    readonly language: PromptLanguage,
    text: string,
  ) {
    const tree = parser.parse(text);
    if (!tree) throw new Error(`could not parse ${language} text`);
    this.current = tree;
  }

  /** Records edits (in the order the editor applied them) on the old tree. */
  applyChanges(changes: readonly TextChange[]): void {
    for (const change of changes) {
      if (this.changes && this.changes.edits.length >= maxTrackedEdits) this.changes = undefined;
      if (this.changes) {
        this.changes.changedRanges = this.changes.changedRanges.map((range) => rangeCoveringChange(range, change));
        this.changes.edits.push(change);
      }
      const newEnd = endAfterInsert(change.startLine, change.startCharacter, change.text);
      this.current.edit(
        new this.EditClass({
        startIndex: change.rangeOffset,
        oldEndIndex: change.rangeOffset + change.rangeLength,
        newEndIndex: change.rangeOffset + change.text.length,
        startPosition: { row: change.startLine, column: change.startCharacter },
        oldEndPosition: { row: change.endLine, column: change.endCharacter },
        newEndPosition: newEnd,
        }),
      );
    }
    this.stale = true;
  }

  /** Replaces the whole text (no edit information): a full parse. */
  reset(text: string): void {
    const tree = this.parser.parse(text);
    if (!tree) throw new Error(`could not parse ${this.language} text`);
    this.current.delete();
    this.current = tree;
    this.stale = false;
    this.changes = undefined;
  }

  /**
   * What changed since the last call (undefined when the text was parsed whole since then): lets a
   * scan re-read only what the changes touch.
   */
  takeChanges(): TreeChanges | undefined {
    const changes = this.changes;
    this.changes = { edits: [], changedRanges: [] };
    return changes;
  }

  /** The tree for `text`, which must be the text after every change given to `applyChanges`. */
  tree(text: string): Tree {
    if (this.stale) {
      const tree = this.parser.parse(text, this.current);
      if (!tree) throw new Error(`could not parse ${this.language} text`);
      for (const range of this.current.getChangedRanges(tree)) this.changes?.changedRanges.push({ start: range.startIndex, end: range.endIndex });
      this.current.delete();
      this.current = tree;
      this.stale = false;
    }
    return this.current;
  }

  dispose(): void {
    this.current.delete();
  }
}

/** Where inserted text ends (row and UTF-16 column, as tree-sitter counts for JavaScript strings). */
function endAfterInsert(row: number, column: number, text: string): { row: number; column: number } {
  const lastBreak = text.lastIndexOf('\n');
  if (lastBreak < 0) return { row, column: column + text.length };
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return { row: row + lines, column: text.length - lastBreak - 1 };
}
