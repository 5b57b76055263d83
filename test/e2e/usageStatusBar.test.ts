import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { UsageRecord } from '../../src/core/usage/usageRecord';
import { makeTempDir } from '../harness/codeServer';
import type { Workbench } from '../harness/workbench';
import { openWorkbench } from '../harness/workbench';

const extensionId = 'claude-api-toolkit.claude-api-toolkit';

/** A request made "earlier" (before this window started): Sonnet 4.5 with every token kind. */
const earlier: UsageRecord = {
  time: new Date().toISOString(),
  model: 'claude-sonnet-4-5',
  source: 'chat',
  outcome: 'completed',
  approximate: false,
  inputTokens: 10_000,
  outputTokens: 1500,
  cacheWrite5mTokens: 2000,
  cacheWrite1hTokens: 3000,
  cacheReadTokens: 4000,
  webSearchRequests: 0,
  webFetchRequests: 0,
  costUsd: (10_000 * 3 + 1500 * 15 + 2000 * 3.75 + 3000 * 6 + 4000 * 0.3) / 1e6,
};

describe('usage status bar in the workbench (packaged VSIX)', function () {
  let workbench: Workbench;

  before(async () => {
    // The ledger lives in the extension's global storage; seed it with one good and one damaged line.
    const userDataDir = path.join(makeTempDir('usage-e2e'), 'user-data');
    const storage = path.join(userDataDir, 'User', 'globalStorage', extensionId);
    fs.mkdirSync(storage, { recursive: true });
    fs.writeFileSync(path.join(storage, 'usage-ledger.jsonl'), JSON.stringify(earlier) + '\n{"time": "2026-11-2\n');
    workbench = await openWorkbench({ userDataDir });
  });

  after(async () => {
    await workbench?.close();
  });

  const statusItem = (text: string | RegExp) => workbench.page.locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: text });

  it('shows the session meter, starting at zero', async () => {
    await statusItem('$0.00 · 0 tok').waitFor({ timeout: 30_000 });
  });

  it('reports the damaged ledger line once and keeps the rest', async () => {
    // Toasts hide themselves after a while; the notification centre keeps the message.
    await workbench.runCommand('Notifications: Show Notifications');
    const center = workbench.page.locator('.notifications-center');
    await center.locator('.notification-list-item', { hasText: 'skipped 1 damaged line' }).waitFor({ timeout: 20_000 });
    assert.strictEqual(await center.locator('.notification-list-item', { hasText: 'damaged line' }).count(), 1, 'reported once');
    await workbench.page.keyboard.press('Escape');
  });

  it("switches to today's figures, read back from the ledger on disk", async () => {
    await workbench.runCommand('Claude API: Switch What the Usage Status Bar Shows');
    const row = workbench.page.locator('.quick-input-list .monaco-list-row', { hasText: "Today's cost and tokens" });
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    const item = statusItem('Today $0.0792 · 21k tok');
    await item.waitFor({ timeout: 10_000 });
    assert.strictEqual((await item.textContent())?.trim(), 'Today $0.0792 · 21k tok');
  });

  it('shows per-model figures in the tooltip and opens the usage view on click', async () => {
    const item = statusItem('Today $0.0792');
    await item.hover();
    const hover = workbench.page.locator('.monaco-hover, .workbench-hover', { hasText: 'This month' });
    await hover.first().waitFor({ timeout: 10_000 });
    await item.click();
    const page = workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await page.locator('h2', { hasText: 'Daily spend per model' }).waitFor({ timeout: 20_000 });
    assert.ok((await page.locator('svg.chart rect.bar').count()) >= 1, 'the chart has a bar for today');
    await page.locator('td', { hasText: 'claude-sonnet-4-5' }).first().waitFor();
    await workbench.screenshot('e2e-usage-view');
  });
});
