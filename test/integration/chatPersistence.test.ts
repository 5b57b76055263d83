import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useChatAgainstFake } from './chatHelpers';
import { waitFor } from './extensionApi';

describe('chat: persistence', () => {
  const ctx = useChatAgainstFake();
  let conversationsDir: string;

  before(() => {
    conversationsDir = path.join(ctx.chat.storageDir, 'conversations');
  });

  it('brings conversations back after the chat is re-created from disk', async () => {
    ctx.fake.enqueue({ kind: 'reply', text: 'Remember me.' });
    await ctx.chat.sendMessage('Please remember');
    const before = await ctx.chat.activeConversation();
    const listBefore = await ctx.chat.conversations();

    const problems = await ctx.chat.reload();
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(await ctx.chat.activeConversation(), before);
    assert.deepStrictEqual(await ctx.chat.conversations(), listBefore);
  });

  it('saves the user message before the request goes out', async () => {
    ctx.fake.enqueue({ kind: 'stall', text: 'never finishes', afterChars: 0 });
    const sending = ctx.chat.sendMessage('Saved first?');
    await ctx.fake.waitForRequests(1, { path: '/v1/messages' });
    const id = (await ctx.chat.activeConversation()).id;
    const saved = fs.readFileSync(path.join(conversationsDir, `${id}.json`), 'utf8');
    assert.ok(saved.includes('Saved first?'), 'the message is on disk while the request is in flight');
    await ctx.chat.stop();
    const result = await sending;
    assert.strictEqual(result.interrupted, true);
  });

  it('keeps a reply that was streaming when the chat went away, marked unfinished', async () => {
    const text = 'Streaming along nicely and then the window closes. '.repeat(4);
    ctx.fake.enqueue({ kind: 'stall', text: text + text, afterChars: text.length });
    const sending = ctx.chat.sendMessage('Go');
    const arrived = await waitFor(async () => {
      const turn = (await ctx.chat.activeConversation()).turns[1];
      const streamed = turn?.role === 'assistant' ? turn.blocks.map((b) => (b.kind === 'text' ? b.text : '')).join('') : '';
      return streamed.length >= text.length ? streamed : undefined;
    }, 10_000, 'the text before the stall');
    await ctx.chat.reload(); // What a window reload does to the in-memory chat.
    await sending;
    const turns = (await ctx.chat.activeConversation()).turns;
    const reply = turns[1];
    assert.ok(reply.role === 'assistant');
    assert.strictEqual(reply.status, 'interrupted');
    assert.deepStrictEqual(reply.blocks, [{ kind: 'text', text: arrived }]);
    assert.ok(reply.error, 'says why it is interrupted');
  });

  it('sets a damaged store aside, reports it, and keeps working', async () => {
    ctx.fake.enqueue({ kind: 'reply', text: 'Still here.' });
    await ctx.chat.sendMessage('Keep me');
    const good = (await ctx.chat.activeConversation()).id;
    fs.writeFileSync(path.join(conversationsDir, 'c-garbage.json'), '{"format":"claude-api-toolkit/conversation","version":1,"conv');
    fs.writeFileSync(path.join(conversationsDir, 'c-wrongshape.json'), JSON.stringify({ format: 'claude-api-toolkit/conversation', version: 1, conversation: { id: 'c-wrongshape', turns: 'x' } }));
    fs.writeFileSync(path.join(ctx.chat.storageDir, 'chat-state.json'), 'not json at all');

    const problems = await ctx.chat.reload();
    assert.strictEqual(problems.length, 3, JSON.stringify(problems));
    for (const problem of problems) {
      assert.ok(problem.movedTo && /\.corrupt-/.test(problem.movedTo), JSON.stringify(problem));
      assert.ok(fs.existsSync(problem.movedTo), 'the damaged file is kept, renamed');
      assert.ok(!fs.existsSync(problem.file), 'and no longer read');
    }
    assert.ok((await ctx.chat.conversations()).some((c) => c.id === good), 'intact conversations load');
    assert.deepStrictEqual(await ctx.chat.reload(), [], 'reported once: the next load finds nothing wrong');

    ctx.fake.enqueue({ kind: 'reply', text: 'Works.' });
    const result = await ctx.chat.sendMessage('Still working?');
    assert.strictEqual(result.text, 'Works.');
  });
});
