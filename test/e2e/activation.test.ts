import * as assert from 'node:assert';
import * as fs from 'node:fs';
import type { Workbench } from '../harness/workbench';
import { openWorkbench } from '../harness/workbench';

const extensionId = 'claude-api-toolkit.claude-api-toolkit';

describe('packaged VSIX in the workbench', function () {
  let workbench: Workbench;

  before(async () => {
    workbench = await openWorkbench();
  });

  after(async () => {
    await workbench?.close();
  });

  it('activates after start-up', async () => {
    const deadline = Date.now() + 30_000;
    while (!workbench.extensionHostLog().includes(`_doActivateExtension ${extensionId}`)) {
      assert.ok(Date.now() < deadline, 'the extension never activated:\n' + workbench.extensionHostLog().slice(-2000));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  it('shows the Claude view container in the activity bar and opens it', async () => {
    const entry = workbench.page.locator('.activitybar a.action-label[aria-label^="Claude"]');
    await entry.waitFor({ timeout: 20_000 });
    await entry.click();
    await workbench.page.locator('.sidebar .title-label', { hasText: /claude/i }).waitFor({ timeout: 20_000 });
    const file = await workbench.screenshot('e2e-activation');
    assert.ok(fs.statSync(file).size > 10_000, 'screenshot looks empty');
  });

  it('runs a contributed command from the command palette', async () => {
    await workbench.runCommand('Claude API: Show Log');
    // The Output panel opens on our channel, whose name shows in the panel's channel picker.
    await workbench.page.locator('.part.panel', { hasText: 'Claude API Toolkit' }).waitFor({ timeout: 20_000 });
  });
});
