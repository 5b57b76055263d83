import * as assert from 'node:assert';
import { randomBytes } from 'node:crypto';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import type { Locator } from 'playwright-core';
import type { Workbench } from '../harness/workbench';
import { openWorkbench } from '../harness/workbench';

function fakeKey(): string {
  return `sk-ant-api03-${randomBytes(96).toString('base64url').slice(0, 93)}AA`;
}

/**
 * The key flow as a user sees it: the status item, the password box, a rejected key's notification
 * and its "Set API Key" button, the fixed key working.
 */
describe('API keys in the workbench', function () {
  let workbench: Workbench;
  let server: FakeAnthropic;
  const goodKey = fakeKey();
  const revokedKey = fakeKey();

  before(async () => {
    server = await startFakeAnthropic({ validKeys: [goodKey] });
    workbench = await openWorkbench({ settings: { 'claudeApi.baseUrl': server.url, 'claudeApi.statusBar.showKey': true } });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.screenshot(`e2e-keys-failure-${this.currentTest.title.slice(0, 20).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  const statusItem = (text: string | RegExp) => workbench.page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: text });

  /** Opens the notification centre until `notice` shows in it. */
  async function waitForNotice(notice: Locator): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (!(await workbench.page.locator('.notifications-center.visible').count())) {
        await workbench.runCommand('Notifications: Show Notifications');
      }
      try {
        await notice.first().waitFor({ timeout: 2_000 });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
  }

  it('shows that no key is set, with a click to manage keys', async () => {
    await statusItem('No Claude API key').waitFor({ timeout: 30_000 });
  });

  it('a 401 on verify shows a notification whose "Set API Key" button opens the password box; the new key works', async () => {
    const page = workbench.page;
    await workbench.runCommand('Claude API: Set API Key');
    await workbench.typeKeyIntoPasswordBox(revokedKey);
    await statusItem(`default: sk-ant-api03-…${revokedKey.slice(-4)}`).waitFor({ timeout: 20_000 });

    await workbench.runCommand('Claude API: Verify API Key');
    // Toasts can hide themselves; the notification centre keeps the message and its buttons.
    const center = page.locator('.notifications-center');
    const notice = center.locator('.notification-list-item', { hasText: 'The API key was rejected (401' });
    await waitForNotice(notice);
    await workbench.screenshot('e2e-keys-401');
    assert.ok(!(await page.content()).includes(revokedKey.slice(13)), 'the key is not in the page');
    await notice.locator('.monaco-button', { hasText: 'Set API Key' }).first().click();

    await workbench.typeKeyIntoPasswordBox(goodKey);
    await statusItem(`default: sk-ant-api03-…${goodKey.slice(-4)}`).waitFor({ timeout: 20_000 });
    await workbench.runCommand('Claude API: Verify API Key');
    await waitForNotice(center.locator('.notification-list-item', { hasText: 'the key works' }));
    await workbench.screenshot('e2e-keys-verified');
    assert.ok(server.requests.some((r) => r.path === '/v1/models' && r.keyAccepted));
  });
});
