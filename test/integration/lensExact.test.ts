import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import { promptTokens } from '../server/promptTokens';
import { activateExtension, waitFor } from './extensionApi';

/** A syntactically valid test key (never a real one). */
const testKey = `sk-ant-api03-${'L'.repeat(91)}AA`;
const knownPrompt = 'Name three rivers in Europe and one fact about each.';

const source = `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic();

export async function known() {
  return client.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 200,
    messages: [{ role: 'user', content: '${knownPrompt}' }],
  });
}

export async function partlyKnown(name: string) {
  return client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 200, messages: [{ role: 'user', content: \`Hello \${name}\` }] });
}
`;

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses
    .filter((lens) => / tok · /.test(lens.command?.title ?? ''))
    .sort((a, b) => a.range.start.line - b.range.start.line)
    .map((lens) => lens.command!.title);
}

describe('prompt lens exact counts (fake API)', function () {
  this.timeout(60_000);
  let fake: FakeAnthropic | undefined;
  const config = () => vscode.workspace.getConfiguration('claudeApi');

  before(async () => {
    await activateExtension();
    fake = await startFakeAnthropic({ validKeys: [testKey] });
    await config().update('baseUrl', fake.url, vscode.ConfigurationTarget.Global);
    await config().update('maxRetries', 0, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('claudeApi.setApiKey', { key: testKey, profile: 'lens' });
  });

  after(async () => {
    for (const key of ['codeLens.exactCounts', 'baseUrl', 'maxRetries']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await fake?.close();
  });

  it('shows estimates at once, then exact counts from countTokens for fully known requests only, cached by content', async () => {
    const workspace = process.env.CLAUDE_API_TEST_WORKSPACE;
    assert.ok(workspace);
    const file = path.join(workspace, 'prompts', 'exact.ts');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, source);
    const uri = vscode.Uri.file(file);
    const document = await vscode.workspace.openTextDocument(uri);

    // Off by default: nothing is sent.
    assert.ok((await lensTitles(uri)).every((title) => title.startsWith('≈')));
    assert.strictEqual(fake!.requests.filter((request) => request.path === '/v1/messages/count_tokens').length, 0);

    await config().update('codeLens.exactCounts', true, vscode.ConfigurationTarget.Global);
    const first = await lensTitles(uri);
    assert.ok(first[0].startsWith('≈'), `the first answer never waits for the API: ${first[0]}`);

    const expectedParams = { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: knownPrompt }] };
    const expectedTokens = promptTokens(expectedParams);
    const exact = await waitFor(async () => {
      const titles = await lensTitles(uri);
      return titles[0].startsWith(`${expectedTokens} tok · `) && titles[0].endsWith(' · Haiku 4.5') ? titles : undefined;
    }, 15_000, 'exact count in the lens');
    assert.ok(exact?.[1].startsWith('≈'), 'a request with an interpolation stays an estimate');

    const counts = fake!.requests.filter((request) => request.path === '/v1/messages/count_tokens');
    assert.strictEqual(counts.length, 1);
    assert.deepStrictEqual(counts[0].body, expectedParams);
    assert.strictEqual(counts[0].keyAccepted, true);

    // An edit that leaves the prompt alone reuses the cached count (same content hash).
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(2, 0), '// a comment that changes nothing the API sees\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(document.isDirty);
    const afterEdit = await lensTitles(uri);
    assert.ok(afterEdit[0].startsWith(`${expectedTokens} tok · `), afterEdit[0]);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // Past the debounce: nothing new may be sent.
    assert.strictEqual(fake!.requests.filter((request) => request.path === '/v1/messages/count_tokens').length, 1);

    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, document.positionAt(document.getText().indexOf('messages.create') + 2))) ?? [];
    const markdown = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(markdown, /Input tokens from `messages\.countTokens`/);
    assert.ok(!markdown.includes(testKey), 'the key never reaches the hover');
  });
});
