import { ourAllowMarker } from './allowMarker';
import type { OffsetEdit } from './envReference';

const lineComment: Record<string, string> = {};
for (const id of ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'java', 'c', 'cpp', 'csharp', 'go', 'rust', 'swift', 'kotlin', 'scala', 'php', 'jsonc', 'dart', 'groovy', 'less', 'scss', 'fsharp', 'objective-c', 'vue', 'svelte']) {
  lineComment[id] = '//';
}
for (const id of ['python', 'shellscript', 'yaml', 'dotenv', 'ruby', 'perl', 'r', 'toml', 'dockerfile', 'makefile', 'properties', 'powershell', 'elixir', 'dockercompose', 'coffeescript', 'julia', 'ini', 'plaintext-env', 'terraform', 'hcl', 'nix', 'conf']) {
  lineComment[id] = '#';
}
for (const id of ['sql', 'lua', 'haskell']) lineComment[id] = '--';

const blockComment: Record<string, [string, string]> = {
  html: ['<!--', '-->'],
  xml: ['<!--', '-->'],
  markdown: ['<!--', '-->'],
  css: ['/*', '*/'],
};

/**
 * The edit that appends `claude-keyscan:allow` as a comment at the end of the line holding `offset`,
 * in the language's comment syntax. Undefined for languages without comments (JSON, plain text).
 * `.env` files count as `#`-commented whatever language id the editor gives them.
 */
export function allowCommentEdit(languageId: string, text: string, offset: number, isEnvFile = false): OffsetEdit | undefined {
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const line = lineComment[languageId] ?? (isEnvFile ? '#' : undefined);
  if (line) return { start: lineEnd, end: lineEnd, newText: ` ${line} ${ourAllowMarker}` };
  const block = blockComment[languageId];
  if (block) return { start: lineEnd, end: lineEnd, newText: ` ${block[0]} ${ourAllowMarker} ${block[1]}` };
  return undefined;
}
