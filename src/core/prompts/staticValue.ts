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

/**
 * The longest string worked out from the source: 4M characters is over a million tokens for either
 * tokenizer, more than the largest context window, so anything longer is "too long for every model"
 * and is not built (a `"x" * 10**9` in a file must not cost memory).
 */
export const maxStaticChars = 4_000_000;

/** A string cut at `maxStaticChars` and marked as too long. */
function bounded(value: StaticString): StaticString {
  return value.text.length <= maxStaticChars ? value : { ...value, text: value.text.slice(0, maxStaticChars), tooLong: true };
}

/** Joins string pieces; a non-string piece (number, boolean) is stringified, anything else counts as unknown. */
export function concatStrings(pieces: StaticValue[]): StaticString {
  let text = '';
  let unknownParts = 0;
  let tooLong = false;
  const spans: OffsetRange[] = [];
  for (const piece of pieces) {
    if (tooLong) break;
    if (piece.kind === 'string') {
      text += piece.text.slice(0, maxStaticChars + 1 - text.length);
      tooLong = text.length > maxStaticChars || piece.tooLong === true;
      unknownParts += piece.unknownParts;
      spans.push(...piece.spans);
    } else if (piece.kind === 'number' || piece.kind === 'boolean') {
      text += String(piece.value);
    } else {
      unknownParts++;
    }
  }
  const joined = bounded(stringValue(text, spans, unknownParts));
  return tooLong ? { ...joined, tooLong } : joined;
}

/** `text * n` (Python), `text.repeat(n)` (JS), `[items] * n`; undefined when not both known. */
export function repeatValue(value: StaticValue, count: StaticValue): StaticValue | undefined {
  if (count.kind !== 'number' || !Number.isInteger(count.value)) return undefined;
  const times = Math.max(0, count.value);
  if (value.kind === 'string') {
    if (value.text.length === 0 || times === 0) return { ...value, text: '' };
    const fits = Math.floor(maxStaticChars / value.text.length) + 1;
    return bounded({ ...value, text: value.text.repeat(Math.min(times, fits)), unknownParts: value.unknownParts * times, tooLong: value.tooLong || times >= fits });
  }
  if (value.kind === 'array') {
    // Lists are bounded by the same budget, counted in items.
    if (value.items.length * times > maxStaticChars / 100) return undefined;
    const items: StaticValue[] = [];
    for (let i = 0; i < times; i++) items.push(...value.items);
    return { kind: 'array', items, open: value.open };
  }
  return undefined;
}

/** Every occurrence (or the first, JS `replace` with a string) of `search` in a string replaced. */
export function replaceValue(value: StaticValue, search: StaticValue, replacement: StaticValue, all: boolean): StaticValue | undefined {
  if (value.kind !== 'string' || search.kind !== 'string' || replacement.kind !== 'string') return undefined;
  if (search.unknownParts > 0 || replacement.unknownParts > 0 || search.text === '') return undefined;
  const text = all ? value.text.split(search.text).join(replacement.text) : value.text.replace(search.text, () => replacement.text);
  return bounded({ ...value, text });
}

/**
 * Python's `template.format(*args, **kwargs)`: `{}`, `{0}` and `{name}` fields filled from known
 * arguments, `{{`/`}}` unescaped. A field with a conversion or format spec, or an argument not known,
 * counts as one unknown part. One pass over the template.
 */
export function formatValue(template: StaticValue, positional: StaticValue[], keywords: Map<string, StaticValue>): StaticValue | undefined {
  if (template.kind !== 'string') return undefined;
  const source = template.text;
  const pieces: StaticValue[] = [];
  let literal = '';
  let auto = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if ((ch === '{' || ch === '}') && source[i + 1] === ch) {
      literal += ch;
      i++;
      continue;
    }
    if (ch !== '{') {
      literal += ch;
      continue;
    }
    const close = source.indexOf('}', i);
    if (close < 0) return undefined;
    const fieldName = source.slice(i + 1, close);
    pieces.push(stringValue(literal));
    literal = '';
    const argument = /^\d+$/.test(fieldName) ? positional[Number(fieldName)] : fieldName === '' ? positional[auto++] : /^\w+$/.test(fieldName) ? keywords.get(fieldName) : undefined;
    pieces.push(argument ?? { kind: 'unknown', source: fieldName });
    i = close;
  }
  pieces.push(stringValue(literal));
  const joined = concatStrings(pieces);
  return { ...joined, spans: template.spans, unknownParts: joined.unknownParts + template.unknownParts };
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
