import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { messageRequests, recordPageMessages, sentMessages, testKey, useChatAgainstFake } from './chatHelpers';
import { waitFor } from './extensionApi';

describe('chat: conversations against the fake API', () => {
  const ctx = useChatAgainstFake();

  it('holds a multi-turn conversation and sends the whole history each time', async () => {
    ctx.fake.enqueue({ kind: 'reply', text: 'Hello! How can I help?' }, { kind: 'reply', text: 'Prompt caching reuses a prefix.' });
    const { result: first, messages } = await recordPageMessages(ctx.chat, () => ctx.chat.sendMessage('Hi there'));
    assert.strictEqual(first.interrupted, false);
    assert.strictEqual(first.text, 'Hello! How can I help?');
    assert.ok(first.footer && first.footer.outputTokens > 0 && first.footer.inputTokens > 0, JSON.stringify(first.footer));

    // The page saw the user turn, a streamed reply in coalesced pieces, and the end with its footer.
    const kinds = messages.map((m) => m.type);
    assert.ok(kinds.indexOf('didAppendUserTurn') < kinds.indexOf('didStartReply'), kinds.join());
    const streamed = messages.flatMap((m) => (m.type === 'didAppendText' ? [m.text] : [])).join('');
    assert.strictEqual(streamed, 'Hello! How can I help?');
    assert.ok(kinds.includes('didEndReply'));

    const second = await ctx.chat.sendMessage('What is prompt caching?');
    assert.strictEqual(second.text, 'Prompt caching reuses a prefix.');
    assert.deepStrictEqual(sentMessages(ctx.fake, 1), [
      { role: 'user', content: 'Hi there' },
      { role: 'assistant', content: 'Hello! How can I help?' },
      { role: 'user', content: 'What is prompt caching?' },
    ]);
    const view = await ctx.chat.activeConversation();
    assert.strictEqual(view.title, 'Hi there');
    assert.deepStrictEqual(
      view.turns.map((t) => [t.role, t.role === 'assistant' ? t.status : 'sent']),
      [
        ['user', 'sent'],
        ['assistant', 'complete'],
        ['user', 'sent'],
        ['assistant', 'complete'],
      ],
    );
  });

  it('passes thinking blocks back with their signatures on the next turn', async () => {
    await ctx.chat.changeParameters({ thinkingEnabled: true, thinkingBudgetTokens: 2048, maxTokens: 4096, systemPrompt: 'Be terse.' });
    ctx.fake.enqueue({ kind: 'reply', thinking: 'Let me think about this.', text: 'Four.' });
    const first = await ctx.chat.sendMessage('2+2?');
    assert.strictEqual(first.text, 'Four.');
    const turn = (await ctx.chat.activeConversation()).turns[1];
    assert.ok(turn.role === 'assistant');
    assert.deepStrictEqual(turn.blocks[0], { kind: 'thinking', text: 'Let me think about this.' });

    await ctx.chat.sendMessage('And 3+3?');
    const [firstBody, secondBody] = messageRequests(ctx.fake);
    assert.deepStrictEqual(firstBody.thinking, { type: 'enabled', budget_tokens: 2048, display: 'summarized' });
    assert.strictEqual(firstBody.system, 'Be terse.');
    assert.strictEqual(firstBody.temperature, undefined, 'API 2026-10-21 rejects temperature');
    const assistant = (secondBody.messages as { role: string; content: { type: string; signature?: string }[] }[])[1];
    assert.strictEqual(assistant.role, 'assistant');
    assert.strictEqual(assistant.content[0].type, 'thinking');
    assert.ok(assistant.content[0].signature, 'the signature goes back unmodified');
    assert.strictEqual(assistant.content[1].type, 'text');
    await ctx.chat.changeParameters({ thinkingEnabled: false, systemPrompt: '' });
  });

  it('stops a streaming reply, keeps what arrived, and continues it', async () => {
    const long = 'The quick brown fox jumps over the lazy dog. '.repeat(60);
    ctx.fake.enqueue({ kind: 'reply', text: long, chunkSize: 8, delayMs: 15 });
    const { result: stopped } = await recordPageMessages(ctx.chat, async (messages) => {
      const sending = ctx.chat.sendMessage('Tell me a long story');
      await waitFor(() => messages.some((m) => m.type === 'didAppendText'), 10_000, 'first streamed text');
      assert.ok(ctx.chat.isBusy());
      await ctx.chat.stop();
      return sending;
    });
    assert.strictEqual(stopped.interrupted, true);
    assert.strictEqual(stopped.error?.kind, 'aborted');
    assert.ok(stopped.text.length > 0 && stopped.text.length < long.length, `${stopped.text.length} of ${long.length} characters`);
    assert.ok(long.startsWith(stopped.text));
    await waitFor(() => ctx.fake.requests.some((r) => r.clientAborted), 5000, 'the server to see the abort');
    assert.strictEqual(ctx.chat.isBusy(), false);

    ctx.fake.enqueue({ kind: 'reply', text: ' And they lived happily ever after.' });
    const continued = await ctx.chat.continueReply();
    assert.strictEqual(continued.interrupted, false);
    const prefill = (sentMessages(ctx.fake, 1) as { role: string; content: string }[]).at(-1);
    assert.deepStrictEqual(prefill, { role: 'assistant', content: stopped.text.trimEnd() });
    assert.strictEqual(continued.text, `${stopped.text} And they lived happily ever after.`);
    const view = await ctx.chat.activeConversation();
    assert.strictEqual(view.turns.length, 2, 'the continuation joins the interrupted turn');
  });

  it('retries the last reply and edits-and-resends the last user message', async () => {
    ctx.fake.enqueue({ kind: 'httpError', status: 500 }, { kind: 'reply', text: 'Second try worked.' }, { kind: 'reply', text: 'Edited answer.' });
    const failed = await ctx.chat.sendMessage('Try me');
    assert.strictEqual(failed.interrupted, true);
    const retried = await ctx.chat.retry();
    assert.strictEqual(retried.text, 'Second try worked.');
    assert.strictEqual((await ctx.chat.activeConversation()).turns.length, 2, 'Retry replaces the failed reply');

    const edited = await ctx.chat.editLastUserMessage('Try me, edited');
    assert.strictEqual(edited.text, 'Edited answer.');
    const view = await ctx.chat.activeConversation();
    assert.deepStrictEqual(
      view.turns.map((t) => (t.role === 'user' ? t.text : t.status)),
      ['Try me, edited', 'complete'],
    );
    assert.deepStrictEqual(sentMessages(ctx.fake, 2), [{ role: 'user', content: 'Try me, edited' }]);
  });

  it('refuses a second send while a reply streams, without losing the first', async () => {
    ctx.fake.enqueue({ kind: 'reply', text: 'slow '.repeat(40), chunkSize: 5, delayMs: 10 });
    const first = ctx.chat.sendMessage('First');
    await assert.rejects(ctx.chat.sendMessage('Second'), /still streaming/);
    const result = await first;
    assert.strictEqual(result.interrupted, false);
    const users = (await ctx.chat.activeConversation()).turns.filter((t) => t.role === 'user');
    assert.deepStrictEqual(users.map((t) => (t.role === 'user' ? t.text : '')), ['First']);
  });

  it('validates page messages and opens only http(s) links', async () => {
    const notices: string[] = [];
    const subscription = ctx.chat.onDidPostMessage((m) => {
      if (m.type === 'didShowNotice') notices.push(m.message);
    });
    try {
      assert.strictEqual(await ctx.chat.receiveFromPage({ type: 'send', text: 42 }), false);
      assert.strictEqual(await ctx.chat.receiveFromPage({ type: 'unknown' }), false);
      assert.strictEqual(await ctx.chat.receiveFromPage({ type: 'openLink', href: 'javascript:alert(1)' }), true);
      assert.ok(notices.some((n) => /Only http and https/.test(n)), notices.join(' | '));
    } finally {
      subscription.dispose();
    }
  });

  it('copies the conversation as code, to the clipboard or a new editor, without the key', async () => {
    ctx.fake.enqueue({ kind: 'reply', text: 'Sure.' });
    await ctx.chat.sendMessage('Snippet me "quoted" please');
    await vscode.env.clipboard.writeText('');
    assert.strictEqual(await ctx.chat.receiveFromPage({ type: 'copyAsCode', language: 'python', target: 'clipboard' }), true);
    const python = await vscode.env.clipboard.readText();
    assert.match(python, /import anthropic/);
    assert.match(python, /ANTHROPIC_API_KEY/);
    assert.ok(python.includes(ctx.fake.url), 'the snippet targets the configured base URL');
    assert.ok(python.includes('Snippet me \\"quoted\\" please') || python.includes(`'Snippet me "quoted" please'`), python);
    assert.ok(!python.includes(testKey), 'the key is never embedded');

    assert.strictEqual(await ctx.chat.receiveFromPage({ type: 'copyAsCode', language: 'typescript', target: 'editor' }), true);
    const editor = await waitFor(() => vscode.window.activeTextEditor, 5000, 'the snippet editor');
    assert.ok(editor);
    assert.strictEqual(editor.document.languageId, 'typescript');
    assert.match(editor.document.getText(), /@anthropic-ai\/sdk/);
    assert.ok(!editor.document.getText().includes(testKey));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('keeps several conversations and switches between them', async () => {
    ctx.fake.enqueue({ kind: 'reply', text: 'A' }, { kind: 'reply', text: 'B' });
    await ctx.chat.sendMessage('First conversation');
    const firstId = (await ctx.chat.activeConversation()).id;
    const secondId = await ctx.chat.newConversation();
    assert.notStrictEqual(secondId, firstId);
    await ctx.chat.sendMessage('Second conversation');
    const list = await ctx.chat.conversations();
    assert.strictEqual(list[0].id, secondId, 'newest first');
    assert.ok(list.some((c) => c.id === firstId));
    await ctx.chat.switchConversation(firstId);
    assert.strictEqual((await ctx.chat.activeConversation()).turns[0].role, 'user');
    assert.strictEqual((await ctx.chat.activeConversation()).id, firstId);
    await ctx.chat.deleteConversation(firstId);
    assert.ok(!(await ctx.chat.conversations()).some((c) => c.id === firstId));
    assert.ok(!fs.existsSync(path.join(ctx.chat.storageDir, 'conversations', `${firstId}.json`)));
  });
});
