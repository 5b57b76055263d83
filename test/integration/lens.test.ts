import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './extensionApi';
import { ourHover, ourLenses, positionOf, setting, workspaceFile } from './lensTestSupport';

describe('prompt lens (real extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    for (const key of ['codeLens.enabled', 'hover.enabled', 'hover.compareModels']) await setting(key, undefined);
  });

  it('puts a lens above every SDK call and the long prompt constant of a TypeScript file', async () => {
    const uri = workspaceFile('support-bot.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    const lenses = await ourLenses(uri);
    const titles = lenses.map((lens) => lens.command!.title);
    assert.strictEqual(lenses.length, 9, titles.join('\n'));
    // The constant's lens sits on its declaration line; the calls' on their first line.
    assert.strictEqual(lenses[0].range.start.line, positionOf(document, 'export const SYSTEM_PROMPT').line);
    // Short enough for a narrow editor: tokens, the input's cost, the model.
    assert.match(titles[0], /^≈[\d.]+k? tok · prompt text · \$[\d.]+ per use · Sonnet 4\.6$/);
    assert.match(titles[1], /^≈[\d.]+k? tok · <?\$[\d.]+ · Haiku 4\.5$/);
    assert.match(titles[2], /^≈[\d.]+k?\+ tok · \$[\d.]+\+ · Sonnet 4\.6$/);
    assert.ok(titles.some((title) => /free to count/.test(title)));
    assert.ok(titles.some((title) => /^2 requests · .* at batch prices · Haiku 4\.5$/.test(title)));
    assert.ok(titles.some((title) => /model not known here \(model\)$/.test(title)));
    assert.strictEqual(lenses[1].command!.command, 'claudeApi.lens.showDetails');
  });

  it('shows the hover on the callee and on a prompt string, not elsewhere in the call', async () => {
    const uri = workspaceFile('support-bot.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    const callee = await ourHover(uri, positionOf(document, 'messages.create', document.getText().indexOf('// 2.')).translate(0, 3));
    assert.ok(callee, 'no hover on the callee');
    assert.ok(callee.startsWith('**Claude API · `messages.create`** · `claude-sonnet-4-6`'), callee);
    assert.match(callee, /- Input: ≈[\d,]+ tokens · \$[\d.]+\n- Output: up to 1,024 tokens · ≤\$0\.0154\n- Cached prompt: write /);
    assert.match(callee, /Cheapest that fits: \*\*claude-haiku-5-5\*\*, saves up to .* \[Compare models\]\(command:claudeApi\.lens\.compareModels\?/);
    assert.match(callee, /\*\*Not counted\*\*.*1 interpolated value/);
    assert.doesNotMatch(callee, /^\|/m, 'the side-by-side table is behind the link');

    const prompt = await ourHover(uri, positionOf(document, 'Write a one-sentence welcome').translate(0, 5));
    assert.ok(prompt?.startsWith('**Claude API · `messages.create`** · `claude-haiku-4-5`'), prompt);
    assert.strictEqual(await ourHover(uri, positionOf(document, 'max_tokens: 256').translate(0, 13)), undefined);
  });

  it('opens every compared model from the hover\'s link; picking one copies its id', async () => {
    const uri = workspaceFile('support-bot.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    const hover = await ourHover(uri, positionOf(document, 'messages.create', document.getText().indexOf('// 2.')).translate(0, 3));
    const link = /\[Compare models\]\(command:([\w.]+)\?([^)]+)\)/.exec(hover ?? '');
    assert.ok(link, hover);
    const args = JSON.parse(decodeURIComponent(link[2])) as unknown[];
    await vscode.env.clipboard.writeText('');
    // The list opens; accept its first row (the call's own model) as a user pressing Enter would.
    const shown = Promise.resolve(vscode.commands.executeCommand<string | undefined>(link[1], ...args));
    let settled = false;
    void shown.finally(() => (settled = true));
    for (let i = 0; i < 100 && !settled; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    assert.strictEqual(await shown, 'claude-sonnet-4-6');
    assert.strictEqual(await vscode.env.clipboard.readText(), 'claude-sonnet-4-6');
  });

  it('prices a Python file and leaves a file without the SDK alone', async () => {
    const python = workspaceFile('research_agent.py');
    await vscode.workspace.openTextDocument(python);
    const titles = (await ourLenses(python)).map((lens) => lens.command!.title);
    assert.strictEqual(titles.length, 6, titles.join('\n'));
    assert.ok(titles.some((title) => /^≈[\d.]+k? tok · \$[\d.]+ · Opus 4\.7$/.test(title)), titles.join('\n'));

    const plain = workspaceFile('no-sdk.ts');
    await vscode.workspace.openTextDocument(plain);
    assert.deepStrictEqual(await ourLenses(plain), []);
  });

  it('follows edits: a changed model shows in the lens of the same document', async () => {
    const uri = workspaceFile('batch-worker.js');
    const document = await vscode.workspace.openTextDocument(uri);
    const before = (await ourLenses(uri)).map((lens) => lens.command!.title);
    assert.ok(before[0].includes('Haiku 4.5'), before.join('\n'));
    assert.ok(before.includes('Batch requests built at run time: not priced'));
    const edit = new vscode.WorkspaceEdit();
    const start = positionOf(document, "'claude-haiku-4-5'");
    edit.replace(uri, new vscode.Range(start, start.translate(0, "'claude-haiku-4-5'".length)), "'claude-opus-4-7'");
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = await waitFor(async () => {
      const titles = (await ourLenses(uri)).map((lens) => lens.command!.title);
      return titles[0]?.includes('Opus 4.7') ? titles[0] : undefined;
    }, 10_000, 'lens after edit');
    assert.match(after ?? '', /^≈[\d.]+k?\+ tok · \$[\d.]+\+ · Opus 4\.7$/);
  });

  it('turns lenses and hovers off by setting, and compares the models the user picks', async () => {
    const uri = workspaceFile('assistant-panel.tsx');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual((await ourLenses(uri)).length, 1);
    await setting('hover.compareModels', ['claude-3-5-haiku']);
    const hover = await ourHover(uri, positionOf(document, 'messages.create').translate(0, 2));
    assert.ok(hover?.includes('Cheapest that fits: **claude-3-5-haiku**') && !hover.includes('claude-opus-5-5'), hover);
    assert.match(hover ?? '', /1 image\/document block/);
    await setting('codeLens.enabled', false);
    assert.deepStrictEqual(await ourLenses(uri), []);
    await setting('hover.enabled', false);
    assert.strictEqual(await ourHover(uri, positionOf(document, 'messages.create').translate(0, 2)), undefined);
  });

  it('toggles lenses by command, and lenses and hovers per language by a language-specific setting', async () => {
    const typescript = workspaceFile('support-bot.ts');
    const python = workspaceFile('research_agent.py');
    await vscode.workspace.openTextDocument(typescript);
    await vscode.workspace.openTextDocument(python);
    await vscode.commands.executeCommand('claudeApi.lens.toggle');
    assert.deepStrictEqual(await ourLenses(typescript), []);
    await vscode.commands.executeCommand('claudeApi.lens.toggle');
    assert.ok((await ourLenses(typescript)).length > 0);

    // A workspace value wins over the user value: the toggle flips it where it is set.
    await vscode.workspace.getConfiguration('claudeApi').update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      assert.deepStrictEqual(await ourLenses(typescript), []);
      await vscode.commands.executeCommand('claudeApi.lens.toggle');
      assert.ok((await ourLenses(typescript)).length > 0, 'the toggle did not turn lenses back on over a workspace setting');
    } finally {
      await vscode.workspace.getConfiguration('claudeApi').update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }

    const pythonSettings = vscode.workspace.getConfiguration('claudeApi', { languageId: 'python' });
    await pythonSettings.update('codeLens.enabled', false, vscode.ConfigurationTarget.Global, true);
    await pythonSettings.update('hover.enabled', false, vscode.ConfigurationTarget.Global, true);
    try {
      assert.deepStrictEqual(await ourLenses(python), []);
      assert.ok((await ourLenses(typescript)).length > 0, 'TypeScript keeps its lenses');
      const pythonDocument = await vscode.workspace.openTextDocument(python);
      const typescriptDocument = await vscode.workspace.openTextDocument(typescript);
      assert.strictEqual(await ourHover(python, positionOf(pythonDocument, 'messages.create').translate(0, 2)), undefined);
      assert.ok(await ourHover(typescript, positionOf(typescriptDocument, 'messages.create').translate(0, 2)), 'TypeScript keeps its hover');
    } finally {
      await pythonSettings.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global, true);
      await pythonSettings.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global, true);
    }
  });
});
