import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startChatAgainstFake, stopFake } from './chatHelpers';
import { activateExtension, extensionId, waitFor } from './extensionApi';
import { removeAllProfiles } from './keysTestSupport';

describe('activation', () => {
  it('activates in the real extension host and reports its activation time', async () => {
    const api = await activateExtension();
    assert.strictEqual(vscode.extensions.getExtension(extensionId)?.isActive, true);
    assert.ok(api.activationMs >= 0 && api.activationMs < 5000, `activationMs = ${api.activationMs}`);
    console.log(`activation time in extension host: ${api.activationMs.toFixed(2)} ms`);
    // The steps account for the whole of it, each feature's registration on its own.
    const steps = api.activationSteps;
    assert.ok(['ctx', 'keys', 'usage', 'promptLens', 'keyLint', 'chat'].every((name) => name in steps), JSON.stringify(steps));
    const sum = Object.values(steps).reduce((total, ms) => total + ms, 0);
    assert.ok(Math.abs(sum - api.activationMs) < 1, `steps add up to ${sum} ms of ${api.activationMs} ms`);
  });

  it('registers every command declared in package.json', async () => {
    const declared = (vscode.extensions.getExtension(extensionId)?.packageJSON as {
      contributes: { commands: { command: string; category?: string }[] };
    }).contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command, category } of declared) {
      assert.ok(registered.has(command), `${command} is declared but not registered`);
      assert.ok(category, `${command} has no category`);
    }
  });

  it('opens the Claude view container', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.claudeApi');
  });
});

// Runs first (suites load in file-name order), while nothing has sent a request or opened a source file yet.
describe('cold start: the heavy parts load on first use', () => {
  const dist = () => path.join(vscode.extensions.getExtension(extensionId)!.extensionPath, 'dist');
  const isLoaded = (file: string) => Object.prototype.hasOwnProperty.call(require.cache, path.join(dist(), file));

  it('loads none of them at activation', async () => {
    await activateExtension();
    for (const file of ['sdk.js', 'treeSitter.js', 'genai-prices.js', 'gitHistoryScan.js']) {
      assert.ok(fs.existsSync(path.join(dist(), file)), `dist/${file} is built`);
      assert.strictEqual(isLoaded(file), false, `dist/${file} was loaded at activation`);
    }
  });

  it('answers the first chat message, loading the SDK for it', async () => {
    const api = await activateExtension();
    const { chat, fake } = await startChatAgainstFake();
    try {
      fake.enqueue({ kind: 'reply', text: 'Cold start reply.' });
      const reply = await chat.sendMessage('First message');
      assert.strictEqual(reply.interrupted, false);
      assert.strictEqual(reply.text, 'Cold start reply.');
      assert.ok(isLoaded('sdk.js'), 'dist/sdk.js is loaded once a request was sent');
    } finally {
      await stopFake(fake);
      await removeAllProfiles(api);
    }
  });

  it('shows the first prompt lens, loading tree-sitter for it', async () => {
    const workspace = process.env.CLAUDE_API_TEST_WORKSPACE;
    assert.ok(workspace, 'CLAUDE_API_TEST_WORKSPACE is not set');
    const file = path.join(workspace, 'coldStart', 'support-bot.ts');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.copyFileSync(path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'prompts', 'support-bot.ts'), file);
    const uri = vscode.Uri.file(file);
    await vscode.workspace.openTextDocument(uri);
    const lenses = await waitFor(async () => {
      const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
      const ours = all.filter((lens) => / tok · /.test(lens.command?.title ?? ''));
      return ours.length > 0 ? ours : undefined;
    }, 30_000, 'the first prompt lens');
    assert.ok(lenses);
    assert.match(lenses[0].command!.title, /^≈[\d,]+ tok · /);
    assert.ok(isLoaded('treeSitter.js'), 'dist/treeSitter.js is loaded once a file was scanned');
  });
});
