import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, extensionId } from './extensionApi';

describe('activation', () => {
  it('activates in the real extension host and reports its activation time', async () => {
    const api = await activateExtension();
    assert.strictEqual(vscode.extensions.getExtension(extensionId)?.isActive, true);
    assert.ok(api.activationMs >= 0 && api.activationMs < 5000, `activationMs = ${api.activationMs}`);
    console.log(`activation time in extension host: ${api.activationMs.toFixed(2)} ms`);
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
