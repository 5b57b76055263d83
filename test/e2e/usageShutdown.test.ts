import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { parseLedger } from '../../src/core/usage/ledgerFormat';
import type { Workbench } from '../harness/workbench';
import { openWorkbench } from '../harness/workbench';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { startFakeAnthropic } from '../server/fakeAnthropic';

const testKey = `sk-ant-api03-${'S'.repeat(93)}AA`;
const extensionId = 'claude-api-toolkit.claude-api-toolkit';

// The window goes away while a reply streams: `deactivate()` must record the request's cost before it
// returns, since the extension host awaits nothing after it.
describe('a window closed mid-reply keeps the request in the usage ledger (packaged VSIX, fake API)', function () {
  let fake: FakeAnthropic;
  let workbench: Workbench;

  before(async () => {
    fake = await startFakeAnthropic({ validKeys: [testKey] });
    workbench = await openWorkbench({ settings: { 'claudeApi.baseUrl': fake.url, 'claudeApi.maxRetries': 0 } });
    await workbench.runCommand('Claude API: Set API Key');
    await workbench.typeKeyIntoPasswordBox(testKey);
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  async function openChat(): Promise<FrameLocator> {
    const entry = workbench.page.locator('.activitybar a.action-label[aria-label^="Claude"]');
    await entry.waitFor({ timeout: 30_000 });
    await entry.click();
    const frame = workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
    return frame;
  }

  it('records the stalled reply as aborted, with its prompt and estimated output', async () => {
    const chat = await openChat();
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
