import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractPrompts } from '../../src/core/prompts/extract';
import type { TextChange } from '../../src/core/prompts/types';
import { SyntaxParsers } from '../../src/core/prompts/syntaxParser';
import type { PromptCall, PromptLanguage, PromptScan } from '../../src/core/prompts/types';

const root = path.resolve(__dirname, '..', '..');

/** Finds the wasm files where npm installed them (the extension ships copies in dist/wasm). */
export function locateWasmInNodeModules(file: string): string {
  return file === 'web-tree-sitter.wasm'
    ? path.join(root, 'node_modules', 'web-tree-sitter', file)
    : path.join(root, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm', file);
}

export const parsers = new SyntaxParsers(locateWasmInNodeModules);

export function readPromptFixture(name: string): string {
  return fs.readFileSync(path.join(root, 'test', 'fixtures', 'prompts', name), 'utf8');
}

/** Parses `text` and extracts its prompts, as the lens does. */
export async function scan(text: string, language: PromptLanguage): Promise<PromptScan> {
  const document = await parsers.open(language, text);
  try {
    return extractPrompts(document.tree(text), text, language);
  } finally {
    document.dispose();
  }
}

/** The first call that starts after `marker` in `text`. */
export function callAfter(text: string, result: PromptScan, marker: string): PromptCall {
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `marker ${marker} not in fixture`);
  const call = result.calls.find((candidate) => candidate.range.start > at);
  assert.ok(call, `no call after ${marker}`);
  return call;
}

/** Replaces `removeLength` characters at `offset` of `text` with `insert`, and describes the change as an editor would. */
export function editText(text: string, offset: number, removeLength: number, insert: string): { text: string; change: TextChange } {
  const position = (at: number) => {
    const before = text.slice(0, at);
    const line = before.split('\n').length - 1;
    return { line, character: at - (before.lastIndexOf('\n') + 1) };
  };
  const start = position(offset);
  const end = position(offset + removeLength);
  return {
    text: text.slice(0, offset) + insert + text.slice(offset + removeLength),
    change: { rangeOffset: offset, rangeLength: removeLength, startLine: start.line, startCharacter: start.character, endLine: end.line, endCharacter: end.character, text: insert },
  };
}
