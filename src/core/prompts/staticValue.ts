import type { OffsetRange, StaticString, StaticValue } from './types';

/** How much of an unresolved expression's source is kept to name it to the user. */
const maxSourceChars = 40;

export function unknownValue(source: string): StaticValue {
  // Backticks would break the Markdown code spans the source is shown in.
  const flat = source.replace(/\s+/g, ' ').replace(/`/g, "'").trim();
  return { kind: 'unknown', source: flat.length > maxSourceChars ? `${flat.slice(0, maxSourceChars - 1)}…` : flat };
}

export function stringValue(text: string, spans: OffsetRange[] = [], unknownParts = 0): StaticString {
  return { kind: 'string', text, unknownParts, spans };
}

/** Joins string pieces; a non-string piece (number, boolean) is stringified, anything else counts as unknown. */
export function concatStrings(pieces: StaticValue[]): StaticString {
  let text = '';
  let unknownParts = 0;
  const spans: OffsetRange[] = [];
  for (const piece of pieces) {
    if (piece.kind === 'string') {
      text += piece.text;
      unknownParts += piece.unknownParts;
      spans.push(...piece.spans);
    } else if (piece.kind === 'number' || piece.kind === 'boolean') {
      text += String(piece.value);
    } else {
      unknownParts++;
    }
  }
  return stringValue(text, spans, unknownParts);
}

/** A numeric literal (`1_000` allowed), or unknown when it does not parse. */
export function numberValue(text: string): StaticValue {
  const value = Number(text.replace(/_/g, ''));
  return Number.isFinite(value) ? { kind: 'number', value } : unknownValue(text);
}

/** Appends a spread (`...xs`, `*xs`) to a list's items; true when the list is no longer fully known. */
export function spreadItems(items: StaticValue[], spread: StaticValue): boolean {
  if (spread.kind !== 'array') return true;
  items.push(...spread.items);
  return spread.open;
}

/** Merges a spread (`...obj`, `**obj`) into an object's entries; true when its keys are no longer fully known. */
export function spreadEntries(entries: Map<string, StaticValue>, spread: StaticValue | undefined): boolean {
  if (spread?.kind !== 'object') return true;
  for (const [key, value] of spread.entries) entries.set(key, value);
  return spread.open;
}

/** A list joined with a separator (`xs.join(sep)`, `sep.join(xs)`); undefined unless both are readable. */
export function joinValue(list: StaticValue, separator: StaticValue): StaticValue | undefined {
  if (list.kind !== 'array' || separator.kind !== 'string') return undefined;
  const pieces = list.items.flatMap((item, index) => (index > 0 ? [separator, item] : [item]));
  const joined = concatStrings(pieces);
  return list.open ? { ...joined, unknownParts: joined.unknownParts + 1 } : joined;
}

/** Whether a value, and everything inside it, is known. */
export function isFullyKnown(value: StaticValue): boolean {
  switch (value.kind) {
    case 'unknown':
      return false;
    case 'string':
      return value.unknownParts === 0;
    case 'array':
      return !value.open && value.items.every(isFullyKnown);
    case 'object':
      return !value.open && [...value.entries.values()].every(isFullyKnown);
    default:
      return true;
  }
}

/** The value as plain JSON; unknown pieces become `null` and interpolations are left out. */
export function toJson(value: StaticValue): unknown {
  switch (value.kind) {
    case 'string':
      return value.text;
    case 'number':
    case 'boolean':
      return value.value;
    case 'array':
      return value.items.map(toJson);
    case 'object':
      return Object.fromEntries([...value.entries].map(([key, entry]) => [key, toJson(entry)]));
    default:
      return null;
  }
}

export function field(value: StaticValue | undefined, key: string): StaticValue | undefined {
  return value?.kind === 'object' ? value.entries.get(key) : undefined;
}

/** Removes the common leading indentation, like Python's `textwrap.dedent` and the JS `dedent` tag. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  let indent = Infinity;
  for (const line of lines) {
    if (line.trim() === '') continue;
    indent = Math.min(indent, line.length - line.trimStart().length);
  }
  if (!Number.isFinite(indent) || indent === 0) return text;
  return lines.map((line) => (line.trim() === '' ? line.trimStart() : line.slice(indent))).join('\n');
}

/** Applies a string transformation to the known text of a value (keeps its spans and unknown count). */
export function mapText(value: StaticValue, transform: (text: string) => string): StaticValue {
  return value.kind === 'string' ? { ...value, text: transform(value.text) } : value;
}
