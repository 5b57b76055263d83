import type { OffsetRange, TextChange } from './types';

/**
 * Where `range` (of the text before `change`) is after it, or undefined when the change overlaps it or
 * touches one of its ends (an insertion right after a statement may extend it).
 */
export function rangeAfterChange(range: OffsetRange, change: TextChange): OffsetRange | undefined {
  const oldEnd = change.rangeOffset + change.rangeLength;
  if (range.end < change.rangeOffset) return range;
  if (range.start > oldEnd) {
    const delta = change.text.length - change.rangeLength;
    return { start: range.start + delta, end: range.end + delta };
  }
  return undefined;
}

/** Like `rangeAfterChange`, but a range the change touches grows to cover the inserted text. */
export function rangeCoveringChange(range: OffsetRange, change: TextChange): OffsetRange {
  const after = rangeAfterChange(range, change);
  if (after) return after;
  const delta = change.text.length - change.rangeLength;
  return { start: Math.min(range.start, change.rangeOffset), end: Math.max(range.end + delta, change.rangeOffset + change.text.length) };
}
