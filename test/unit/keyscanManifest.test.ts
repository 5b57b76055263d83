import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited'; restrictedConfigurations?: string[] } };
  contributes: { commands: { command: string; title: string; category: string; enablement?: string }[] };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('keyscan: Restricted Mode and commands in the manifest', () => {
  it('runs in untrusted workspaces with limited support: the lint on, its settings only from the user', () => {
    const untrusted = manifest.capabilities.untrustedWorkspaces;
    assert.strictEqual(untrusted.supported, 'limited');
    // A cloned repository's .vscode/settings.json must not be able to switch the lint off.
    assert.ok(untrusted.restrictedConfigurations?.includes('claudeApi.keyScan.enabled'));
  });

  it('commands that run git in the folder need trust; the hook command is contributed', () => {
    const byId = new Map(manifest.contributes.commands.map((command) => [command.command, command]));
    for (const id of ['claudeApi.scanGitHistory', 'claudeApi.installPreCommitHook']) {
      assert.strictEqual(byId.get(id)?.enablement, 'isWorkspaceTrusted', id);
      assert.strictEqual(byId.get(id)?.category, 'Claude API', id);
    }
    assert.strictEqual(byId.get('claudeApi.installPreCommitHook')?.title, 'Install Pre-commit Hook');
    assert.strictEqual(byId.get('claudeApi.scanWorkspace')?.enablement, undefined, 'the workspace scan works in Restricted Mode');
  });
});
