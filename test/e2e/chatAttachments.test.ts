// Attachments in the real chat page of the packaged extension: a selection added with the keybinding, an
// image pasted into the message box, a PDF dropped on the page, a 50 MB file and a BMP refused without
// touching what was typed; then the message reaches the fake API with the right blocks and its turn shows
// the image's thumbnail (the CSP lets it load). Screenshots of the chips and of the turn go to test-results/.
import * as assert from 'node:assert';
import type { FrameLocator } from 'playwright-core';
import type { Workbench } from '../harness/workbench';
import { openWorkbench } from '../harness/workbench';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import { samplePdf, samplePng } from '../samples/attachmentSamples';

/** A syntactically valid test key (never a real one). */
const testKey = `sk-ant-api03-${'F'.repeat(93)}AA`;

/** Builds a File in the page from base64 (or `size` zero bytes) and fires a paste or a drop with it. */
async function deliver(chat: FrameLocator, how: 'paste' | 'drop', file: { name: string; type: string; base64?: string; size?: number }): Promise<void> {
  const selector = how === 'paste' ? '#chat-input' : '#chat-messages';
  await chat.locator(selector).evaluate(
    (element, { how, file }) => {
      const bytes = file.base64 ? Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0)) : new Uint8Array(file.size ?? 0);
      const data = new DataTransfer();
      data.items.add(new File([bytes], file.name, { type: file.type }));
      if (how === 'paste') {
        element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      } else {
        element.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, bubbles: true, cancelable: true }));
        element.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        element.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      }
    },
    { how, file },
  );
}

describe('chat attachments in the workbench (packaged VSIX, fake API)', function () {
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

  it('attaches a selection, a pasted image and a dropped PDF, refuses a 50 MB file and a BMP, and sends them', async () => {
    const { page } = workbench;
    // A selection, added with the keybinding.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('README.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'README.md' }).first().waitFor();
    await page.keyboard.press('Enter');
    const editor = page.locator('.monaco-editor .view-lines', { hasText: 'Fixture workspace' }).first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+Shift+Alt+A');
    const chat = await workbench.openChat();
    const chips = chat.locator('#chat-attachments .attachment-chip');
    await chips.first().waitFor({ timeout: 30_000 });
    assert.match(await chips.first().innerText(), /README\.md[\s\S]*line 1[\s\S]*≈\d+ tok/);

    // What the user typed stays through everything below.
    const typed = 'What do these show?';
    await chat.locator('#chat-input').fill(typed);
    await deliver(chat, 'paste', { name: 'pasted.png', type: 'image/png', base64: samplePng(240, 160).toString('base64') });
    await deliver(chat, 'drop', { name: 'paper.pdf', type: 'application/pdf', base64: samplePdf(3).toString('base64') });
    await chips.nth(2).waitFor({ timeout: 30_000 });
    assert.deepStrictEqual(await chat.locator('#chat-attachments .attachment-name').allInnerTexts(), ['README.md', 'pasted.png', 'paper.pdf']);
    assert.match(await chips.nth(1).innerText(), /240 × 160[\s\S]*≈52 tok/);
    assert.match(await chips.nth(2).innerText(), /3 pages/);

    await deliver(chat, 'drop', { name: 'huge.pdf', type: 'application/pdf', size: 50 * 1024 * 1024 });
    const notice = chat.locator('#chat-notice .notice-message');
    await notice.filter({ hasText: 'is 50.0 MB' }).waitFor({ timeout: 30_000 });
    assert.match(await notice.innerText(), /"huge\.pdf" is 50\.0 MB: PDFs can be at most 23\.3 MB/);
    await deliver(chat, 'drop', { name: 'scan.bmp', type: 'image/bmp', base64: Buffer.concat([Buffer.from('BM'), Buffer.alloc(62)]).toString('base64') });
    await notice.filter({ hasText: 'BMP image' }).waitFor({ timeout: 30_000 });
    assert.strictEqual(await chat.locator('#chat-input').inputValue(), typed, 'nothing typed is lost');
    assert.strictEqual(await chips.count(), 3, 'the refused files added nothing');
    await workbench.screenshot('e2e-chat-attachment-chips');

    // Remove a chip, then send.
    await deliver(chat, 'paste', { name: 'extra.png', type: 'image/png', base64: samplePng(20, 20).toString('base64') });
    await chips.nth(3).waitFor();
    await chips.nth(3).locator('[data-action="remove-attachment"]').click();
    await chat.locator('#chat-attachments .attachment-chip').nth(3).waitFor({ state: 'detached' });

    await chat.locator('#chat-input').press('Enter');
    const reply = chat.locator('.turn[data-role="assistant"][data-status="complete"]').last();
    await reply.waitFor({ timeout: 30_000 });
    const body = fake.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body as { messages: { content: { type: string; text?: string }[] }[] };
    const blocks = body.messages[0].content;
    assert.deepStrictEqual(blocks.map((b) => b.type), ['image', 'document', 'text', 'text']);
    assert.match(blocks[2].text ?? '', /^File README\.md, line 1:\n```markdown\n# Fixture workspace for integration tests\n```$/);
    assert.strictEqual(blocks[3].text, typed);
    assert.strictEqual(await chips.count(), 0, 'the composer is empty after sending');

    // The turn shows a thumbnail the CSP let load, and the names.
    const thumbnail = chat.locator('.turn[data-role="user"] img.attachment-thumbnail').last();
    await thumbnail.waitFor();
    const loaded = await thumbnail.evaluate(async (img: HTMLImageElement) => {
      if (!img.complete) await new Promise((resolve) => img.addEventListener('load', resolve, { once: true }));
      return img.naturalWidth;
    });
    assert.strictEqual(loaded, 240, 'the thumbnail is the pasted image');
    assert.deepStrictEqual(await chat.locator('.turn[data-role="user"] .attachment-name').allInnerTexts(), ['README.md', 'pasted.png', 'paper.pdf']);
    await workbench.screenshot('e2e-chat-turn-with-image');
  });
});
