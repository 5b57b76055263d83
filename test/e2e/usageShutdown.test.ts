import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLedger } from '../../src/core/usage/ledgerFormat';
import type { Workbench } from '../harness/workbench';
import { openWorkbench } from '../harness/workbench';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import { costRow, usageRow } from '../server/organizationAnalytics';

const testKey = `sk-ant-api03-${'S'.repeat(93)}AA`;
const adminKey = `sk-ant-admin01-${'A'.repeat(93)}AA`;
const extensionId = 'claude-api-toolkit.claude-api-toolkit';

// The usage view's split and its comparison with Anthropic's report, then the window going away while a
// reply streams: `deactivate()` must record the request's cost before it returns (the host awaits nothing after).
describe('usage you can trust in the workbench (packaged VSIX, fake API)', function () {
  let fake: FakeAnthropic;
  let workbench: Workbench;

  before(async () => {
    fake = await startFakeAnthropic({ validKeys: [testKey], adminKeys: [adminKey] });
    workbench = await openWorkbench({ settings: { 'claudeApi.baseUrl': fake.url, 'claudeApi.maxRetries': 0 } });
    await workbench.runCommand('Claude API: Set API Key');
    await workbench.typeKeyIntoPasswordBox(testKey);
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  it("shows the profile split and, with an admin key, the comparison with Anthropic's report", async () => {
    const chat = await workbench.openChat();
    await chat.locator('#chat-input').fill('Count me');
    await chat.locator('#chat-input').press('Enter');
    await chat.locator('.turn[data-role="assistant"][data-status="complete"]').last().waitFor({ timeout: 30_000 });
    const today = new Date().toISOString().slice(0, 10);
    fake.setAnalytics({
      usage: [usageRow(today, { model: 'claude-opus-4-7', api_key_id: 'apikey_ci' }, { uncached_input_tokens: 10_000, output_tokens: 1000, requests: 2 })],
      cost: [costRow(today, { model: 'claude-opus-4-7', api_key_id: 'apikey_ci' }, 0.075)],
    });
    await workbench.runCommand('Claude API: Store Admin Key (Usage Report)');
    await workbench.typeKeyIntoPasswordBox(adminKey);
    await workbench.runCommand("Claude API: Compare Usage with Anthropic's Report");
    const view = workbench.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await view.locator('caption', { hasText: 'By key profile, this month' }).waitFor({ timeout: 30_000 });
    const row = view.locator('#reconciliation tr', { hasText: 'claude-opus-4-7' });
    await row.waitFor({ timeout: 30_000 });
    assert.match(await row.innerText(), /Not sent from this extension/);
    await workbench.screenshot('e2e-usage-reconciliation');
    await workbench.runCommand('View: Close All Editors'); // one webview again: the chat's
  });

  it('records the stalled reply as aborted, with its prompt and estimated output', async () => {
    const chat = await workbench.openChat();
    fake.enqueue({ kind: 'stall', text: 'Counting every token. '.repeat(40), afterChars: 220, usage: { input_tokens: 4321 } });
    await chat.locator('#chat-input').fill('Start, then the window goes away');
    await chat.locator('#chat-input').press('Enter');
    await chat.locator('.turn[data-role="assistant"][data-status="streaming"]', { hasText: 'Counting every token.' }).waitFor({ timeout: 30_000 });
    await workbench.reload(); // the extension host of the old window is shut down: deactivate() runs
    const ledgerFile = path.join(workbench.userDataDir, 'User', 'globalStorage', extensionId, 'usage-ledger.jsonl');
    const deadline = Date.now() + 30_000;
    let aborted;
    while (Date.now() < deadline && !aborted) {
      const text = fs.existsSync(ledgerFile) ? fs.readFileSync(ledgerFile, 'utf8') : '';
      aborted = parseLedger(text).records.find((record) => record.outcome === 'aborted' && record.inputTokens === 4321);
      if (!aborted) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.ok(aborted, `no aborted record in ${ledgerFile}:\n${workbench.extensionHostLog().slice(-2000)}`);
    assert.strictEqual(aborted.approximate, true);
    assert.ok(aborted.outputTokens > 1, `output estimated from what streamed, not message_start's 1: ${aborted.outputTokens}`);
    assert.ok(aborted.costUsd !== null && aborted.costUsd > 0);
  });
});
