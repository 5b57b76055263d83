/**
 * Source-code literals for the "Copy as code" snippets: strings escaped so that any text a
 * conversation holds (quotes, backslashes, newlines, `${`, triple quotes, control characters, lone
 * surrogates, U+2028) reads back as exactly the same string, and JSON values laid out readably.
 */
import type { JsonValue } from './codeSnippetRequest';

/** Lines longer than this are broken over several lines. */
const lineWidth = 100;

function hex(codePoint: number, digits: number): string {
  return codePoint.toString(16).padStart(digits, '0');
}

/** Whether a code point is best written as an escape: control characters, line separators, lone surrogates. */
function needsEscape(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    (codePoint >= 0xd800 && codePoint <= 0xdfff) ||
    codePoint === 0xfeff
  );
}

const commonEscapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Escapes `text` character by character (iterating by code point, so a lone surrogate arrives alone).
 * `special` adds the quote characters of the literal being written.
 */
function escapeText(text: string, special: Record<string, string>, unicodeEscape: (codePoint: number) => string): string {
  let result = '';
  for (const character of text) {
    const replacement = special[character] ?? commonEscapes[character];
    if (replacement !== undefined) result += replacement;
    else {
      const codePoint = character.codePointAt(0) ?? 0;
      result += needsEscape(codePoint) ? unicodeEscape(codePoint) : character;
    }
  }
  return result;
}

const jsUnicode = (codePoint: number) => (codePoint <= 0xff ? `\\x${hex(codePoint, 2)}` : `\\u${hex(codePoint, 4)}`);

/** A single-quoted TypeScript string. */
export function typescriptString(text: string): string {
  return `'${escapeText(text, { "'": "\\'" }, jsUnicode)}'`;
}

/**
 * A TypeScript template literal keeping real line breaks (for multi-line prompts). Backticks, `${`
 * and backslashes are escaped; `\r` and tabs are written as escapes so the editor cannot change them.
 */
export function typescriptTemplate(text: string): string {
  const lines = text.split('\n').map((line) => escapeText(line, { '`': '\\`' }, jsUnicode).replace(/\$\{/g, '\\${'));
  return `\`${lines.join('\n')}\``;
}

const pythonUnicode = (codePoint: number) => (codePoint <= 0xff ? `\\x${hex(codePoint, 2)}` : `\\u${hex(codePoint, 4)}`);

/** A double-quoted Python string (never a triple-quoted one: those cannot hold every text safely). */
export function pythonString(text: string): string {
  return `"${escapeText(text, { '"': '\\"' }, pythonUnicode)}"`;
}

/** A valid identifier can be an unquoted object key in TypeScript. */
function typescriptKey(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : typescriptString(key);
}

interface LiteralStyle {
  /** A string that fits on one line. */
  string(text: string): string;
  /** A string with line breaks, written over several lines starting at `indent`. */
  multilineString(text: string, indent: string): string;
  key(key: string): string;
  keyValueSeparator: string;
  /** One level of indentation. */
  indentUnit: string;
  null: string;
  true: string;
  false: string;
}

export const typescriptStyle: LiteralStyle = {
  string: typescriptString,
  multilineString: (text) => typescriptTemplate(text),
  key: typescriptKey,
  keyValueSeparator: ': ',
  indentUnit: '  ',
  null: 'null',
  true: 'true',
  false: 'false',
};

/** Python writes a multi-line string as adjacent literals in parentheses, one per line: safe and readable. */
function pythonMultiline(text: string, indent: string): string {
  const lines = text.split(/(?<=\n)/);
  const inner = `${indent}    `;
  return `(\n${lines.map((line) => `${inner}${pythonString(line)}`).join('\n')}\n${indent})`;
}

export const pythonStyle: LiteralStyle = {
  string: pythonString,
  multilineString: pythonMultiline,
  key: pythonString,
  keyValueSeparator: ': ',
  indentUnit: '    ',
  null: 'None',
  true: 'True',
  false: 'False',
};

/** One-line form of a value, or undefined when it holds a multi-line string. */
function inline(value: JsonValue, style: LiteralStyle): string | undefined {
  if (typeof value === 'string') return value.includes('\n') ? undefined : style.string(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? style.true : style.false;
  if (value === null) return style.null;
  const parts: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const part = inline(item, style);
      if (part === undefined) return undefined;
      parts.push(part);
    }
    return `[${parts.join(', ')}]`;
  }
  for (const [key, item] of Object.entries(value)) {
    const part = inline(item, style);
    if (part === undefined) return undefined;
    parts.push(`${style.key(key)}${style.keyValueSeparator}${part}`);
  }
  return parts.length === 0 ? '{}' : style === typescriptStyle ? `{ ${parts.join(', ')} }` : `{${parts.join(', ')}}`;
}

/**
 * A value as source code starting at column `indent.length` (the caller writes any prefix such as
 * `messages: ` on the same line; `prefixLength` counts it). Containers that do not fit on the line are
 * written one item per line with trailing commas.
 */
export function literal(value: JsonValue, style: LiteralStyle, indent: string, prefixLength = 0): string {
  const oneLine = inline(value, style);
  if (oneLine !== undefined && indent.length + prefixLength + oneLine.length <= lineWidth) return oneLine;
  if (typeof value === 'string') return value.includes('\n') ? style.multilineString(value, indent) : style.string(value);
  if (typeof value !== 'object' || value === null) return oneLine ?? style.null;
  const inner = `${indent}${style.indentUnit}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${literal(item, style, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, item]) => {
    const prefix = `${style.key(key)}${style.keyValueSeparator}`;
    return `${inner}${prefix}${literal(item, style, inner, prefix.length)},`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}
