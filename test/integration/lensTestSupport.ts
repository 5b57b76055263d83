import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const fixtures = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');
/** Our lens titles (other providers, like TypeScript's references, add their own lenses). */
export const ourTitle = /tok · |requests built at run time/;

/** Copies a fixture (from test/fixtures/prompts, or `folder`) into the test workspace. */
export function workspaceFile(name: string, folder = 'prompts'): vscode.Uri {
  const workspace = process.env.CLAUDE_API_TEST_WORKSPACE;
  assert.ok(workspace, 'CLAUDE_API_TEST_WORKSPACE is not set');
  const target = path.join(workspace, 'prompts', name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(fixtures, folder, name), target);
  return vscode.Uri.file(target);
}

export async function ourLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.filter((lens) => ourTitle.test(lens.command?.title ?? '')).sort((a, b) => a.range.start.line - b.range.start.line);
}

export async function ourHover(uri: vscode.Uri, position: vscode.Position): Promise<string | undefined> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  const texts = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)));
  return texts.find((text) => text.includes('**Claude API ·'));
}

export function positionOf(document: vscode.TextDocument, needle: string, from = 0): vscode.Position {
  const offset = document.getText().indexOf(needle, from);
  assert.ok(offset >= 0, `${needle} not found`);
  return document.positionAt(offset);
}

export async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('claudeApi').update(key, value, vscode.ConfigurationTarget.Global);
}
