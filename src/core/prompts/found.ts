import type { Node } from 'web-tree-sitter';
import type { Dependencies, Followed } from './evaluator';
import type { OffsetRange } from './types';

/**
 * Something a scan found (a call, a prompt constant, or a constant that turned out too short to show),
 * with what its value was read from: an incremental scan keeps it after an edit that touches none of that.
 */
export interface Found<T> {
  /** Undefined for a candidate that was read but not shown (a prompt-like constant too short to price). */
  item: T | undefined;
  /** Where it was found (a call's start, a constant's name): scans list what they find in this order. */
  at: number;
  /** The top-level statement that holds it. */
  statement: OffsetRange;
  /** Names of the constants followed (a prompt constant used by a call is priced with its model). */
  usedNames: string[];
  dependencies: Dependencies;
  /** Offset of the last later change named by its line (`\`docs\` is appended to at line 57`), -1 if none. */
  lastMutation: number;
}

/** A record of `item` from what the evaluator followed while reading it. */
export function found<T>(item: T | undefined, root: Node, at: number, followed: Followed): Found<T> {
  return {
    item,
    at,
    statement: topLevelStatement(root, at),
    usedNames: followed.usedNames,
    dependencies: followed.dependencies,
    lastMutation: followed.mutations.at(-1)?.offset ?? -1,
  };
}

/** The range of the top-level statement (child of the root) that holds `offset`. */
export function topLevelStatement(root: Node, offset: number): OffsetRange {
  const statement = root.firstChildForIndex(offset);
  return statement && statement.startIndex <= offset ? { start: statement.startIndex, end: statement.endIndex } : { start: offset, end: offset };
}
