import * as assert from 'node:assert';
import type { Workbench } from '../harness/workbench';
import { openWorkbench } from '../harness/workbench';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { startFakeAnthropic } from '../server/fakeAnthropic';

/** A syntactically valid test key (never a real one). */
const testKey = `sk-ant-api03-${'E'.repeat(93)}AA`;

describe('chat in the workbench (packaged VSIX, fake API)', function () {
  let fake: FakeAnthropic;
  let workbench: Workbench;

  before(async () => {
    fake = await startFakeAnthropic({ validKeys: [testKey] });
    workbench = await openWorkbench({ settings: { 'claudeApi.baseUrl': fake.url, 'claudeApi.maxRetries': 0 } });
    // The key goes in through the real command and its password box.
    await workbench.runCommand('Claude API: Set API Key');
    await workbench.typeKeyIntoPasswordBox(testKey);
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  it('streams a reply typed into the page', async () => {
    const chat = await workbench.openChat();
    await chat.locator('#chat-input').fill('Hello from Playwright');
    await chat.locator('#chat-input').press('Enter');
    const reply = chat.locator('.turn[data-role="assistant"][data-status="complete"]').last();
    await reply.waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
      await workbench.screenshot('e2e-chat-failed');
      console.log(await chat.locator('body').innerText());
      console.log(workbench.extensionHostLog().slice(-3000));
      throw error;
    });
    assert.match(await reply.locator('.turn-body').innerText(), /You said: Hello from Playwright/);
    assert.match(await reply.locator('.reply-footer').innerText(), /claude-sonnet-5-5 · \d+ in · \d+ out · \$/);
    assert.strictEqual(await chat.locator('.turn[data-role="user"] .user-text').last().innerText(), 'Hello from Playwright');
    const body = fake.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body as { messages: unknown[] };
    assert.deepStrictEqual(body.messages, [{ role: 'user', content: 'Hello from Playwright' }]);
  });

  it('stops a streaming reply and keeps what arrived', async () => {
    const chat = await workbench.openChat();
    fake.enqueue({ kind: 'reply', text: 'Once upon a time there was a very long story. '.repeat(80), chunkSize: 6, delayMs: 25 });
    await chat.locator('#chat-input').fill('Tell me a long story');
    await chat.locator('#chat-input').press('Enter');
    // Stop once the first sentence is on the page, so there is a known part to keep.
    const streaming = chat.locator('.turn[data-role="assistant"][data-status="streaming"]', { hasText: 'Once upon a time there' });
    await streaming.waitFor({ timeout: 30_000 });
    await chat.locator('body[data-busy="true"] #chat-stop').click();
    const stopped = chat.locator('.turn[data-role="assistant"][data-status="interrupted"]').last();
    await stopped.waitFor({ timeout: 30_000 });
    const text = await stopped.locator('.turn-body').innerText();
    assert.match(text, /Once upon a time there/);
    assert.ok(text.length < 80 * 47, 'the reply stopped before its end');
    await stopped.locator('.interrupted-marker').waitFor();
    await chat.locator('[data-action="continue"]').waitFor();
    await workbench.screenshot('e2e-chat-stopped');
  });

  it('brings the conversation back after a window reload', async () => {
    await workbench.reload();
    const chat = await workbench.openChat();
    const users = await chat.locator('.turn[data-role="user"] .user-text').allInnerTexts();
    assert.deepStrictEqual(users, ['Hello from Playwright', 'Tell me a long story']);
    await chat.locator('.turn[data-role="assistant"][data-status="complete"]').first().waitFor();
    await chat.locator('.turn[data-role="assistant"][data-status="interrupted"] .interrupted-marker').waitFor();
    await workbench.screenshot('e2e-chat-restored');
  });
});
