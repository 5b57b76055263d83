import * as assert from 'node:assert';
import { isHostMessage, parameterLimits, parseFromWebview, safeExternalUrl } from '../../src/shared/chatProtocol';
import { attachmentLimits, base64Length } from '../../src/shared/attachmentLimits';
import { parseFromUsagePage } from '../../src/shared/usageProtocol';

describe('parseFromWebview', () => {
  it('accepts every well-formed message and copies only known fields', () => {
    const cases: unknown[] = [
      { type: 'ready' },
      { type: 'stop' },
      { type: 'retry' },
      { type: 'continue' },
      { type: 'newConversation' },
      { type: 'refreshModels' },
      { type: 'send', text: 'hello' },
      { type: 'editLastUserMessage', text: 'hello again' },
      { type: 'switchConversation', conversationId: 'c1' },
      { type: 'deleteConversation', conversationId: 'c1' },
      { type: 'renameConversation', conversationId: 'c1', title: 'Plans' },
      { type: 'changeParameters', patch: { model: 'claude-haiku-4-5', maxTokens: 100, thinkingEnabled: true, thinkingBudgetTokens: 2048, systemPrompt: '' } },
      { type: 'copyAsCode', language: 'python', target: 'editor' },
      { type: 'copyText', text: 'x = 1' },
      { type: 'insertAtCursor', code: 'x = 1', language: 'python' },
      { type: 'insertAtCursor', code: 'x = 1' },
      { type: 'openLink', href: 'https://example.com' },
      { type: 'runAction', action: { kind: 'setApiKey', label: 'Set API Key' } },
      { type: 'runAction', action: { kind: 'switchProfile', label: 'Switch' } },
      { type: 'runAction', action: { kind: 'showLog', label: 'Show Log' } },
      { type: 'runAction', action: { kind: 'openSettings', label: 'Check Base URL', setting: 'claudeApi.baseUrl' } },
      { type: 'runAction', action: { kind: 'openUrl', label: 'Open Billing', url: 'https://console.anthropic.com/settings/billing' } },
      { type: 'attachData', name: 'image.png', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
      { type: 'attachUris', uris: ['file:///work/a.ts', 'vscode-remote://host/b.pdf'] },
      { type: 'removeAttachment', attachmentId: 'att-1' },
      { type: 'pickFiles' },
    ];
    for (const message of cases) {
      assert.deepStrictEqual(parseFromWebview(message), message, JSON.stringify(message));
    }
  });

  it('drops extra fields instead of passing them on', () => {
    const parsed = parseFromWebview({ type: 'send', text: 'hi', apiKey: 'sk-ant-x', __proto__: { polluted: true } });
    assert.deepStrictEqual(parsed, { type: 'send', text: 'hi' });
    assert.deepStrictEqual(Object.keys(parsed ?? {}), ['type', 'text']);
  });

  it('rejects non-objects, unknown types and mistyped fields', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'ready',
      42,
      [],
      ['ready'],
      {},
      { type: 7 },
      { type: 'explode' },
      { type: 'send' },
      { type: 'send', text: 12 },
      { type: 'attachData', name: '', mediaType: 'image/png', data: 'AAAA' },
      { type: 'attachData', name: 'empty', mediaType: '', data: '' },
      { type: 'attachData', name: 'a.png', mediaType: 'image/png', data: 'not base64' },
      { type: 'attachData', name: 'a.png', mediaType: 'image/png', data: 'AAA' },
      { type: 'attachData', name: 'a.png', data: 'AAAA' },
      { type: 'attachUris', uris: [] },
      { type: 'attachUris', uris: 'file:///a' },
      { type: 'attachUris', uris: [42] },
      { type: 'attachUris', uris: Array.from({ length: 21 }, () => 'file:///a') },
      { type: 'removeAttachment', attachmentId: '' },
      { type: 'send', text: '   \n ' },
      { type: 'editLastUserMessage', text: '' },
      { type: 'switchConversation' },
      { type: 'switchConversation', conversationId: '' },
      { type: 'deleteConversation', conversationId: { id: 'c1' } },
      { type: 'renameConversation', conversationId: 'c1', title: '' },
      { type: 'renameConversation', conversationId: 'c1', title: 'x'.repeat(parameterLimits.titleMaxChars + 1) },
      { type: 'changeParameters' },
      { type: 'changeParameters', patch: { maxTokens: '100' } },
      { type: 'changeParameters', patch: { maxTokens: Number.NaN } },
      { type: 'changeParameters', patch: { thinkingBudgetTokens: Number.POSITIVE_INFINITY } },
      { type: 'changeParameters', patch: { thinkingEnabled: 'yes' } },
      { type: 'changeParameters', patch: { model: '' } },
      { type: 'copyAsCode', language: 'rust', target: 'clipboard' },
      { type: 'copyAsCode', language: 'curl', target: 'disk' },
      { type: 'insertAtCursor', code: 5 },
      { type: 'insertAtCursor', code: 'x', language: 3 },
      { type: 'openLink', href: '' },
      { type: 'runAction', action: 'setApiKey' },
      { type: 'runAction', action: { kind: 'deleteEverything', label: 'x' } },
      { type: 'runAction', action: { kind: 'setApiKey' } },
      { type: 'runAction', action: { kind: 'openSettings', label: 'x', setting: 'a b; rm -rf' } },
      { type: 'runAction', action: { kind: 'openSettings', label: 'x' } },
      { type: 'runAction', action: { kind: 'openUrl', label: 'x' } },
    ];
    for (const message of bad) {
      assert.strictEqual(parseFromWebview(message), undefined, JSON.stringify(message));
    }
  });

  it("refuses a type that is only an object's built-in property", () => {
    for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) assert.strictEqual(parseFromWebview({ type }), undefined, type);
  });

  it('rejects a message longer than the limit', () => {
    const text = 'a'.repeat(parameterLimits.messageMaxChars + 1);
    assert.strictEqual(parseFromWebview({ type: 'send', text }), undefined);
    assert.ok(parseFromWebview({ type: 'send', text: text.slice(1) }));
  });

  it('bounds attached data by the largest attachment and checks it in linear time', () => {
    const limit = base64Length(attachmentLimits.pdfMaxBytes);
    const data = 'A'.repeat(limit);
    const started = performance.now();
    assert.ok(parseFromWebview({ type: 'attachData', name: 'a.pdf', mediaType: 'application/pdf', data }));
    assert.strictEqual(parseFromWebview({ type: 'attachData', name: 'a.pdf', mediaType: 'application/pdf', data: `${data}AAAA` }), undefined);
    // A long run that fails only at its very end: one pass, not a backtracking search.
    assert.strictEqual(parseFromWebview({ type: 'attachData', name: 'a.pdf', mediaType: 'application/pdf', data: `${data.slice(4)}A=A=` }), undefined);
    const ms = performance.now() - started;
    assert.ok(ms < 2000, `${ms.toFixed(0)} ms for three 31 MB strings`);
  });
});

describe('safeExternalUrl', () => {
  it('allows absolute http and https URLs', () => {
    assert.strictEqual(safeExternalUrl('https://docs.anthropic.com/x?y=1'), 'https://docs.anthropic.com/x?y=1');
    assert.strictEqual(safeExternalUrl(' http://example.com '), 'http://example.com/');
  });

  it('refuses every other scheme and relative links', () => {
    for (const href of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'command:workbench.action.terminal.new',
      'file:///etc/passwd',
      'vscode://settings',
      'data:text/html,<script>alert(1)</script>',
      '/relative/path',
      '#anchor',
      'not a url',
    ]) {
      assert.strictEqual(safeExternalUrl(href), undefined, href);
    }
  });
});

describe('isHostMessage', () => {
  it("takes the host's message types and nothing else posted to the page", () => {
    assert.ok(isHostMessage({ type: 'didChangeBusy', busy: true }));
    for (const other of [null, 'didChangeBusy', {}, { type: 'send', text: 'x' }, { type: 'toString' }, { type: '__proto__' }]) {
      assert.strictEqual(isHostMessage(other), false, JSON.stringify(other));
    }
  });
});

describe('parseFromUsagePage', () => {
  it('accepts the usage page verbs as fresh messages and refuses anything else', () => {
    for (const type of ['ready', 'exportCsv', 'reconcile']) assert.deepStrictEqual(parseFromUsagePage({ type, extra: 1 }), { type });
    for (const bad of [undefined, 'ready', {}, { type: 'delete' }, { type: 'constructor' }]) assert.strictEqual(parseFromUsagePage(bad), undefined);
  });
});
