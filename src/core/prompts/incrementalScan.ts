import type { Node } from 'web-tree-sitter';
import type { FoundPrompts } from './extract';
import { assemblePrompts, findPrompts, shiftCall, shiftLiteral } from './extract';
import type { Found } from './found';
import { rangeAfterChange, rangeCoveringChange } from './offsetMapping';
import type { TreeChanges } from './syntaxParser';
import { maxTrackedEdits } from './syntaxParser';
import type { OffsetRange, PromptLanguage, PromptScan } from './types';

/** Past this share of the text touched by a change, a whole scan is as quick as working out what to keep. */
const maxTouchedShare = 0.5;
/** More top-level statements touched than this (an unclosed comment or string): the whole text is read again. */
const maxTouchedStatements = 32;

/** Names in source text (JavaScript and Python identifiers, Unicode letters included). */
const identifier = /[\p{ID_Start}_$][\p{ID_Continue}$\u200c\u200d]*/gu;

/** A record carried from the last scan, in the coordinates of the text as edits are replayed. */
interface Carried<T> {
  found: Found<T>;
  /** How far its own statement (and everything in it) moved. */
  delta: number;
  /** Its own statement, where it is now (undefined: an edit ran into it, so it is read again). */
  statement: OffsetRange | undefined;
  /** The module statements it read, where they are now (undefined: an edit touched one). */
  reads: (OffsetRange | undefined)[];
  lastMutation: number;
  /** Something it was read from changed: read it again. */
  stale: boolean;
}

/**
 * The prompts of one document, scanned again after each edit. What an edit cannot have changed is
 * kept from the last scan (moved to its new offsets); only the top-level statements the edit touches,
 * and the calls and constants that read a name or a statement the edit touches, are read again.
 * The result is always the same as a whole scan of the new text (the unit tests check it on random edits).
 */
export class PromptScanner {
  private last: (FoundPrompts & { text: string }) | undefined;

  constructor(private readonly language: PromptLanguage) {}

  /** The scan of `text` (parsed as `root`), given what changed since the last scan (undefined: unknown). */
  scan(root: Node, text: string, changes: TreeChanges | undefined): PromptScan {
    const found = (changes && this.last && this.update(root, text, this.last, changes)) ?? findPrompts(root, text, this.language, [{ start: 0, end: text.length }]);
    this.last = { ...found, text };
    return assemblePrompts(found);
  }

  /** Forgets the last scan (the next one reads the whole text). */
  forget(): void {
    this.last = undefined;
  }

  private update(root: Node, text: string, last: FoundPrompts & { text: string }, changes: TreeChanges): FoundPrompts | undefined {
    const { edits } = changes;
    if (edits.length > maxTrackedEdits || !replaysTo(last.text, edits, text)) return undefined;
    const touchedNames = new Set<string>();
    // What the edits changed, and (in `lost`) the statements they ran into, all in the coordinates of the new text.
    let touched: OffsetRange[] = [];
    let lost: OffsetRange[] = [];
    const calls = last.calls.map(carry);
    const literals = last.literals.map(carry);
    const records = [...calls, ...literals];
    edits.forEach((change, index) => {
      // Names on the lines the edit removed (found in the last scan's text): a declaration or a change to a value may be gone.
      const removed = rangeBeforeChanges({ start: change.rangeOffset, end: change.rangeOffset + change.rangeLength }, edits.slice(0, index));
      addNames(touchedNames, last.text, removed.start, removed.end);
      const movesLines = change.text.includes('\n') || (change.rangeLength > 0 && change.startLine !== change.endLine);
      touched = touched.map((range) => rangeCoveringChange(range, change));
      touched.push({ start: change.rangeOffset, end: change.rangeOffset + change.text.length });
      lost = lost.map((range) => rangeCoveringChange(range, change));
      for (const record of records) {
        // A statement the edit runs into is read again wherever its text now is (it may have split or merged).
        const extent = follow(record, change, movesLines);
        if (extent) lost.push(extent);
      }
    });
    touched.push(...changes.changedRanges);
    const statements = statementsToReread(root, [...touched, ...lost], records);
    if (!statements || statements.reduce((total, range) => total + range.end - range.start, 0) > text.length * maxTouchedShare) return undefined;
    for (const range of touched) addNames(touchedNames, text, range.start, range.end);

    const reread: OffsetRange[] = [...statements];
    for (const record of records) {
      if (!record.statement) continue;
      const stale =
        record.stale ||
        record.reads.some((read) => !read || overlapsAny(read, statements)) ||
        record.found.dependencies.names.some((name) => touchedNames.has(name));
      if (stale) reread.push(record.statement);
    }
    const regions = merge(reread);
    const fresh = findPrompts(root, text, this.language, regions);
    const kept = <T>(records: Carried<T>[], shift: (item: T, delta: number) => T) =>
      records.filter((record) => record.statement && !overlapsAny(record.statement, regions)).map((record) => moved(record, shift));
    return {
      calls: byOffset([...kept(calls, shiftCall), ...fresh.calls]),
      literals: byOffset([...kept(literals, shiftLiteral), ...fresh.literals]),
    };
  }
}

function carry<T>(found: Found<T>): Carried<T> {
  return { found, delta: 0, statement: found.statement, reads: found.dependencies.statements, lastMutation: found.lastMutation, stale: false };
}

/**
 * Moves a carried record through one edit. When the edit runs into the record's own statement, the
 * record is dropped (its statement is read again) and the statement's new extent is returned.
 */
function follow(record: Carried<unknown>, change: TreeChanges['edits'][number], movesLines: boolean): OffsetRange | undefined {
  if (!record.statement) return undefined;
  const statement = rangeAfterChange(record.statement, change);
  if (!statement) {
    const lost = rangeCoveringChange(record.statement, change);
    record.statement = undefined;
    return lost;
  }
  record.delta += statement.start - record.statement.start;
  record.statement = statement;
  record.reads = record.reads.map((read) => read && rangeAfterChange(read, change));
  if (record.lastMutation >= 0) {
    // Later changes are named by line ("appended to at line 57"): lines added or removed above one renumber it.
    if (movesLines && record.lastMutation >= change.rangeOffset) record.stale = true;
    const mutation = rangeAfterChange({ start: record.lastMutation, end: record.lastMutation }, change);
    if (mutation) record.lastMutation = mutation.start;
    else record.stale = true;
  }
  return undefined;
}

/**
 * The top-level statements to read again: those touching `touched`, widened until no carried record
 * is left half inside them (a statement that split or merged with its neighbour is read whole).
 */
function statementsToReread(root: Node, touched: OffsetRange[], records: Carried<unknown>[]): OffsetRange[] | undefined {
  const widened = new Set<Carried<unknown>>();
  for (;;) {
    const statements = statementsTouching(root, touched);
    if (!statements) return undefined;
    const cut = records.filter((record) => record.statement && !widened.has(record) && overlapsAny(record.statement, statements) && !insideOne(record.statement, statements));
    if (cut.length === 0) return statements;
    for (const record of cut) {
      widened.add(record);
      touched.push(record.statement!);
    }
  }
}

function moved<T>(record: Carried<T>, shift: (item: T, delta: number) => T): Found<T> {
  const { found, delta } = record;
  return {
    ...found,
    item: found.item === undefined || delta === 0 ? found.item : shift(found.item, delta),
    at: found.at + delta,
    statement: record.statement!,
    // Kept records have every read statement (a touched one makes them stale).
    dependencies: { names: found.dependencies.names, statements: record.reads as OffsetRange[] },
    lastMutation: record.lastMutation,
  };
}

/**
 * The top-level statements that overlap or touch any of `ranges`, in order and merged; undefined past
 * `maxTouchedStatements` (each costs a walk over the module's children).
 */
function statementsTouching(root: Node, ranges: OffsetRange[]): OffsetRange[] | undefined {
  const found: OffsetRange[] = [];
  for (const range of merge(ranges)) {
    // The first statement that ends at or after the range's start, then each one after it up to the range's end.
    for (let statement = root.firstChildForIndex(Math.max(0, range.start - 1)); statement && statement.startIndex <= range.end; statement = root.firstChildForIndex(statement.endIndex)) {
      if (found.length === maxTouchedStatements) return undefined;
      found.push({ start: statement.startIndex, end: statement.endIndex });
    }
  }
  return merge(found);
}

/** Ranges sorted by start, with overlapping or touching ones joined. */
function merge(ranges: OffsetRange[]): OffsetRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: OffsetRange[] = [];
  for (const range of sorted) {
    const previous = merged.at(-1);
    if (previous && range.start <= previous.end) previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** Whether `range` shares a character with one of `others` (statements that only meet do not). */
function overlapsAny(range: OffsetRange, others: OffsetRange[]): boolean {
  return others.some((other) => range.start < other.end && other.start < range.end);
}

function insideOne(range: OffsetRange, others: OffsetRange[]): boolean {
  return others.some((other) => other.start <= range.start && range.end <= other.end);
}

function byOffset<T>(records: Found<T>[]): Found<T>[] {
  return records.sort((a, b) => a.at - b.at);
}

/** Adds the names on the lines that hold `[start, end)` of `text` (a change to a name is seen whole). */
function addNames(names: Set<string>, text: string, start: number, end: number): void {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  for (const match of text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).matchAll(identifier)) names.add(match[0]);
}

/**
 * Whether `edits` turn `before` into `text`, checked without comparing the whole texts: the lengths
 * add up and every inserted text that later edits left alone is where they put it.
 */
function replaysTo(before: string, edits: TreeChanges['edits'], text: string): boolean {
  let length = before.length;
  for (const [index, change] of edits.entries()) {
    if (change.rangeOffset + change.rangeLength > length) return false;
    length += change.text.length - change.rangeLength;
    let inserted: OffsetRange | undefined = { start: change.rangeOffset, end: change.rangeOffset + change.text.length };
    for (const later of edits.slice(index + 1)) inserted = inserted && rangeAfterChange(inserted, later);
    if (inserted && text.slice(inserted.start, inserted.end) !== change.text) return false;
  }
  return length === text.length;
}

/** Where `range` (of the text after `edits`) came from in the text before them, widened over any edit it touches. */
function rangeBeforeChanges(range: OffsetRange, edits: TreeChanges['edits']): OffsetRange {
  let { start, end } = range;
  for (const change of [...edits].reverse()) {
    const insertedEnd = change.rangeOffset + change.text.length;
    const delta = change.rangeLength - change.text.length;
    if (end < change.rangeOffset) continue;
    if (start > insertedEnd) {
      start += delta;
      end += delta;
    } else {
      start = Math.min(start, change.rangeOffset);
      end = Math.max(end + delta, change.rangeOffset + change.rangeLength);
    }
  }
  return { start, end };
}
