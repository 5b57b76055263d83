import * as assert from 'node:assert';
import { randomBytes } from 'node:crypto';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import type { Workbench } from '../harness/workbench';
import { openWorkbench } from '../harness/workbench';

const key = `sk-ant-api03-${randomBytes(96).toString('base64url').slice(0, 93)}AA`;

/** Commands offered with and without a key: the palette shows only what can run. */
const alwaysOffered = ['Claude API: Set API Key', 'Claude API: Add Key Profile', 'Claude API: Manage API Keys', 'Claude API: Show Log', 'Claude API: Clear All Chat History'];
const onlyWithKey = ['Claude API: Verify API Key', 'Claude API: Clear API Key', 'Claude API: Switch Key Profile', 'Claude API: Rename Key Profile', 'Claude API: Delete Key Profile'];
const neverOffered = ['Claude API: Open Chat', 'Claude API: Open a Sample Prompt File', 'Claude API: Import API Key from ANTHROPIC_API_KEY'];
/** Only in a TypeScript, JavaScript or Python editor. */
const lensDetails = 'Claude API: Show Prompt Cost Details';

/**
 * A first run as a new user sees it (packaged VSIX, fresh profile): a quiet window, a palette without
 * commands that cannot run, and the walkthrough from key to chat, meter, lens and lint. Its screenshots
 * (test-results/readme-*.png) are the README's pictures (media/screenshots/).
 */
describe('first run: palette, status bar and walkthrough', function () {
  let workbench: Workbench;
  let fake: FakeAnthropic;

  before(async () => {
    fake = await startFakeAnthropic({ validKeys: [key] });
    workbench = await openWorkbench({ settings: { 'claudeApi.baseUrl': fake.url, 'workbench.colorTheme': 'Default Dark Modern' } });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench?.screenshot(`firstRun-failed-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`);
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  const page = () => workbench.page;
  const statusItem = (text: string | RegExp) => page().locator('#workbench\\.parts\\.statusbar .statusbar-item', { hasText: text });

  /** The webview (the walkthrough's step pages are webviews too) whose page holds `selector`. */
  async function webviewWith(selector: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const frames = page().locator('iframe.webview.ready');
      for (let i = 0; i < (await frames.count()); i++) {
        const frame = page().frameLocator(`iframe.webview.ready >> nth=${i}`).frameLocator('#active-frame');
        if ((await frame.locator(selector).count()) > 0) return frame;
      }
      assert.ok(Date.now() < deadline, `no webview shows ${selector}`);
      await page().waitForTimeout(250);
    }
  }

  /** The palette rows whose label is exactly one of `titles`, typed one by one. */
  async function offered(titles: string[]): Promise<string[]> {
    const found: string[] = [];
    await page().keyboard.press('F1');
    const input = page().locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    for (const title of titles) {
      await input.fill(`>${title}`);
      // The list settles within a frame or two; give it a moment, then read what it holds.
      await page().waitForTimeout(400);
      const labels = await page().locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
      if (labels.some((label) => label.replace(/\s+/g, ' ').trim() === title)) found.push(title);
    }
    await page().keyboard.press('Escape');
    return found;
  }

  it('starts quiet: no Claude status bar item before a key is set', async () => {
    await page().locator('.activitybar a.action-label[aria-label^="Claude"]').waitFor({ timeout: 30_000 });
    // The extension is active once its palette commands answer; then the status bar is settled.
    // A palette Enter pressed while the list still settles can be lost: run it again if no log shows.
    const log = page().locator('.part.panel', { hasText: 'Claude API Toolkit' });
    for (let attempt = 1; ; attempt++) {
      await workbench.runCommand('Claude API: Show Log');
      try {
        await log.waitFor({ timeout: 20_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await page().waitForTimeout(1000);
    assert.strictEqual(await statusItem(/tok$|Claude API key/).count(), 0, 'no usage or key item in a fresh window');
    // Room for the pictures: no panel, no empty secondary side bar.
    await page().keyboard.press('Control+J');
    if (await page().locator('.part.auxiliarybar').isVisible()) await page().keyboard.press('Control+Alt+B');
  });

  it('offers no key command that needs a key before one is set', async () => {
    assert.deepStrictEqual(await offered([...alwaysOffered, ...onlyWithKey, lensDetails, ...neverOffered]), alwaysOffered);
  });

  it('walks the walkthrough: set key, chat, meter, lens, lint', async () => {
    await workbench.runCommand('Welcome: Open Walkthrough...');
    await page().locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Claude API Toolkit' }).first().click();
    const walkthrough = page().locator('.gettingStartedContainer');
    const step = (id: string) => walkthrough.locator(`button.getting-started-step[data-step-id$="${id}"]`);
    // Attached, not visible: the walkthrough stays open behind the editor a step opened.
    const done = (id: string) => ({
      waitFor: (options: { timeout: number }) =>
        walkthrough.locator(`button.getting-started-step[data-step-id$="${id}"][aria-checked="true"]`).waitFor({ ...options, state: 'attached' }),
    });
    const run = async (id: string, button: string) => {
      await step(id).click();
      await walkthrough.getByRole('button', { name: button }).first().click();
    };
    await step('setApiKey').waitFor({ timeout: 20_000 });
    // The step's page is a webview of its own that renders a moment later: the picture shows it.
    await webviewWith('h1:has-text("Your key, kept safe")');
    await workbench.screenshot('readme-walkthrough');

    await run('setApiKey', 'Set API Key');
    await workbench.typeKeyIntoPasswordBox(key);
    await done('setApiKey').waitFor({ timeout: 20_000 });
    await statusItem('$0.00 · 0 tok').waitFor({ timeout: 20_000 });

    await run('chat', 'Open the Chat');
    const chat = await webviewWith('body[data-ready="true"] #chat-input');
    await done('chat').waitFor({ timeout: 20_000 });
    fake.enqueue({
      kind: 'reply',
      text: 'A retry with exponential backoff:\n\n```ts\nasync function withRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {\n  for (let i = 0; ; i++) {\n    try {\n      return await run();\n    } catch (error) {\n      if (i + 1 >= attempts) throw error;\n      await new Promise((r) => setTimeout(r, 2 ** i * 500));\n    }\n  }\n}\n```\n\nEach failed attempt waits twice as long as the one before.',
    });
    await chat.locator('#chat-input').fill('How do I retry a flaky call with backoff in TypeScript?');
    await chat.locator('#chat-input').press('Enter');
    await chat.locator('.turn[data-role="assistant"][data-status="complete"]').last().waitFor({ timeout: 30_000 });
    await statusItem(/^\$0\.\d+ · \d/).waitFor({ timeout: 20_000 });
    await workbench.screenshot('readme-chat');

    await run('meter', 'Show Usage and Cost');
    await webviewWith('h2:has-text("Daily spend per model")');
    await workbench.screenshot('readme-usage');

    await workbench.runCommand('Welcome: Open Walkthrough...');
    await page().locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Claude API Toolkit' }).first().click();
    await run('lens', 'Open a Sample Prompt File');
    const lens = page().locator('.monaco-editor .codelens-decoration', { hasText: /tok/ });
    await lens.first().waitFor({ timeout: 30_000 });
    assert.match(await lens.first().innerText(), /tok · \$[\d.]+ · Sonnet 5\.5$/);
    await page().locator('.monaco-editor .view-line span', { hasText: 'messages' }).first().hover();
    await page().locator('.monaco-hover', { hasText: 'Compare models' }).first().waitFor({ timeout: 20_000 });
    await workbench.screenshot('readme-lens');

    // A key pasted into the file is flagged at once.
    await page().keyboard.press('Escape');
    await page().locator('.monaco-editor .view-lines').first().click();
    await page().keyboard.press('Control+End');
    await page().keyboard.type(`\nconst apiKey = '${key}';\n`);
    await page().locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor({ timeout: 20_000 });
    await page().locator('.monaco-editor .view-line', { hasText: 'apiKey' }).first().hover();
    await page().locator('.monaco-hover', { hasText: /hardcoded/ }).first().waitFor({ timeout: 20_000 });
    await workbench.screenshot('readme-key-lint');

    await workbench.runCommand('Welcome: Open Walkthrough...');
    await page().locator('.quick-input-list .monaco-list-row', { hasText: 'Get started with Claude API Toolkit' }).first().click();
    await done('meter').waitFor({ timeout: 20_000 });
    await done('lens').waitFor({ timeout: 20_000 });
    await run('lint', 'Scan Workspace for Hardcoded Keys');
    await done('lint').waitFor({ timeout: 20_000 });
  });

  it('offers the key commands once a key is set, and the lens details in a TypeScript editor', async () => {
    // Focus the sample TypeScript file again (the workspace scan left the Problems panel focused).
    await page().locator('.tabs-container .tab', { hasText: 'Untitled-1' }).first().click();
    await page().locator('.monaco-editor .view-lines').first().click();
    assert.deepStrictEqual(await offered([...alwaysOffered, ...onlyWithKey, lensDetails, ...neverOffered]), [...alwaysOffered, ...onlyWithKey, lensDetails]);
  });
});
