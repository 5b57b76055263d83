/** Decoding of string escape sequences, so counted text is the text the API receives. */

const simpleEscapes: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
  a: '\x07',
};

/** Decodes one escape sequence such as `\n`, `\x41`, `\u00e9`, `\u{1F600}` (shared by JS and Python). */
export function decodeEscape(sequence: string): string {
  const body = sequence.slice(1);
  if (body.startsWith('\r\n') || body.startsWith('\n')) return ''; // Line continuation.
  const code = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]+)\}|U([0-9a-fA-F]{8}))$/.exec(body);
  if (code) {
    const hex = code[1] ?? code[2] ?? code[3] ?? code[4];
    const point = Number.parseInt(hex, 16);
    return point <= 0x10ffff ? String.fromCodePoint(point) : '';
  }
  if (/^[0-7]{1,3}$/.test(body) && body !== '0') return String.fromCharCode(Number.parseInt(body, 8));
  return simpleEscapes[body] ?? body;
}

/** Decodes every backslash escape in a run of Python string content. */
export function decodePythonEscapes(text: string): string {
  return text.replace(/\\(?:\r?\n|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|.)/gs, (sequence) =>
    sequence.startsWith('\\N{') ? sequence : decodeEscape(sequence),
  );
}
