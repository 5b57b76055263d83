import type { KeyKind } from './families';
import type { KeyEncoding } from './finding';

/** A replacement in text offsets (UTF-16). */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** The environment variable each kind of credential conventionally lives in. */
export function envVarFor(kind: KeyKind): string {
  switch (kind) {
    case 'anthropic-api-key':
    case 'anthropic-api01-key':
      return 'ANTHROPIC_API_KEY';
    case 'anthropic-admin-key':
      return 'ANTHROPIC_ADMIN_KEY';
    case 'anthropic-oauth-access-token':
      return 'ANTHROPIC_AUTH_TOKEN';
    case 'anthropic-oauth-refresh-token':
      return 'ANTHROPIC_REFRESH_TOKEN';
    case 'anthropic-session-id':
      return 'ANTHROPIC_SESSION_ID';
  }
}

/** Languages whose string literal becomes an expression reading the variable. */
const expressionLanguages: Record<string, (name: string) => string> = {
  javascript: (name) => `process.env.${name}`,
  javascriptreact: (name) => `process.env.${name}`,
  typescript: (name) => `process.env.${name}`,
  typescriptreact: (name) => `process.env.${name}`,
  vue: (name) => `process.env.${name}`,
  svelte: (name) => `process.env.${name}`,
  python: (name) => `os.environ["${name}"]`,
  go: (name) => `os.Getenv("${name}")`,
  java: (name) => `System.getenv("${name}")`,
  kotlin: (name) => `System.getenv("${name}")`,
  csharp: (name) => `Environment.GetEnvironmentVariable("${name}")`,
  ruby: (name) => `ENV["${name}"]`,
  php: (name) => `getenv('${name}')`,
};

/** Languages (config, shell, docs) where `${NAME}` is interpolated or at least understood in place of the key. */
const interpolatingLanguages = new Set([
  'shellscript', 'bash', 'sh', 'zsh', 'yaml', 'dockercompose', 'dockerfile', 'makefile', 'markdown', 'plaintext',
]);

const jsLanguages = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'vue', 'svelte']);
const quotes = new Set(['"', "'", '`']);

/**
 * Edits that replace a key with a reference to its environment variable in the file's language:
 * `process.env.ANTHROPIC_API_KEY` for a whole JS/TS literal (or `${…}` inside a template literal),
 * `os.environ["ANTHROPIC_API_KEY"]` for Python (adding `import os` when missing), `${ANTHROPIC_API_KEY}`
 * in shell, YAML, Dockerfiles and docs. Undefined when no replacement would be correct code (a key in
 * the middle of an ordinary string, JSON, base64 data, .env files whose job is to hold values).
 */
export function envReferenceEdits(
  languageId: string,
  text: string,
  finding: { start: number; end: number; kind: KeyKind; encoding: KeyEncoding },
): OffsetEdit[] | undefined {
  if (finding.encoding === 'base64') return undefined;
  const name = envVarFor(finding.kind);
  const before = text[finding.start - 1];
  const after = text[finding.end];
  const wholeLiteral = before !== undefined && quotes.has(before) && after !== undefined && quotes.has(after);

  const expression = expressionLanguages[languageId];
  if (expression) {
    if (wholeLiteral) {
      // A Python prefix such as b"…" / r"…" belongs to the literal too.
      const prefixed = languageId === 'python' && /[rRbBuU]/.test(text[finding.start - 2] ?? '') && !/\w/.test(text[finding.start - 3] ?? '');
      const edits: OffsetEdit[] = [{ start: finding.start - (prefixed ? 2 : 1), end: finding.end + 1, newText: expression(name) }];
      if (languageId === 'python') edits.push(...pythonImportOs(text));
      return edits;
    }
    // Inside a template literal: interpolate.
    if (jsLanguages.has(languageId) && finding.encoding === 'plain' && enclosingTemplate(text, finding.start)) {
      return [{ start: finding.start, end: finding.end, newText: `\${${expression(name)}}` }];
    }
    return undefined;
  }
  if (interpolatingLanguages.has(languageId) && finding.encoding === 'plain') {
    return [{ start: finding.start, end: finding.end, newText: `\${${name}}` }];
  }
  return undefined;
}

/** Is `offset` inside a backtick template literal on its line? (Counts backticks before it.) */
function enclosingTemplate(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let ticks = 0;
  for (let i = lineStart; i < offset; i++) if (text[i] === '`' && text[i - 1] !== '\\') ticks++;
  return ticks % 2 === 1;
}

/** `import os` at the top of a Python file (after a shebang, comments and `from __future__` lines) unless present. */
function pythonImportOs(text: string): OffsetEdit[] {
  if (/^\s*import\s+(?:[\w.]+\s*,\s*)*os\b/m.test(text)) return [];
  let insertAt = 0;
  const lines = text.split('\n');
  let offset = 0;
  for (const line of lines) {
    const next = offset + line.length + 1;
    if (/^\s*(#.*)?$/.test(line) && offset === insertAt) {
      insertAt = next;
    } else if (/^from\s+__future__\s+import\b/.test(line)) {
      insertAt = next;
    } else {
      break;
    }
    offset = next;
  }
  insertAt = Math.min(insertAt, text.length);
  const needsNewline = insertAt === text.length && text.length > 0 && !text.endsWith('\n');
  return [{ start: insertAt, end: insertAt, newText: `${needsNewline ? '\n' : ''}import os\n` }];
}
