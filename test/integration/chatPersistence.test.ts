import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChatApi } from '../../src/chat/chatApi';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { startChatAgainstFake, stopFake } from './chatHelpers';
import { waitFor } from './extensionApi';

describe('chat: persistence', () => {
  let chat: ChatApi;
  let fake: FakeAnthropic;
  let conversationsDir: string;

  before(async () => {
    ({ chat, fake } = await startChatAgainstFake());
    conversationsDir = path.join(chat.storageDir, 'conversations');
  });
  after(() => stopFake(fake));
  beforeEach(async () => {
    fake.reset();
    await chat.newConversation();
  });

  it('brings conversations back after the chat is re-created from disk', async () => {
    fake.enqueue({ kind: 'reply', text: 'Remember me.' });
    await chat.sendMessage('Please remember');
    const before = await chat.activeConversation();
    const listBefore = await chat.conversations();

    const problems = await chat.reload();
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(await chat.activeConversation(), before);
    assert.deepStrictEqual(await chat.conversations(), listBefore);
  });

  it('saves the user message before the request goes out', async () => {
    fake.enqueue({ kind: 'stall', text: 'never finishes', afterChars: 0 });
    const sending = chat.sendMessage('Saved first?');
    await fake.waitForRequests(1, { path: '/v1/messages' });
    const id = (await chat.activeConversation()).id;
    const saved = fs.readFileSync(path.join(conversationsDir, `${id}.json`), 'utf8');
    assert.ok(saved.includes('Saved first?'), 'the message is on disk while the request is in flight');
    await chat.stop();
    const result = await sending;
    assert.strictEqual(result.interrupted, true);
  });

  it('keeps a reply that was streaming when the chat went away, marked unfinished', async () => {
    const text = 'Streaming along nicely and then the window closes. '.repeat(4);
    fake.enqueue({ kind: 'stall', text: text + text, afterChars: text.length });
    const sending = chat.sendMessage('Go');
    const arrived = await waitFor(async () => {
      const turn = (await chat.activeConversation()).turns[1];
      const streamed = turn?.role === 'assistant' ? turn.blocks.map((b) => (b.kind === 'text' ? b.text : '')).join('') : '';
      return streamed.length >= text.length ? streamed : undefined;
    }, 10_000, 'the text before the stall');
    await chat.reload(); // What a window reload does to the in-memory chat.
    await sending;
    const turns = (await chat.activeConversation()).turns;
    const reply = turns[1];
    assert.ok(reply.role === 'assistant');
    assert.strictEqual(reply.status, 'interrupted');
    assert.deepStrictEqual(reply.blocks, [{ kind: 'text', text: arrived }]);
    assert.ok(reply.error, 'says why it is interrupted');
  });

  it('sets a damaged store aside, reports it, and keeps working', async () => {
    fake.enqueue({ kind: 'reply', text: 'Still here.' });
    await chat.sendMessage('Keep me');
    const good = (await chat.activeConversation()).id;
    fs.writeFileSync(path.join(conversationsDir, 'c-garbage.json'), '{"format":"claude-api-toolkit/conversation","version":1,"conv');
    fs.writeFileSync(path.join(conversationsDir, 'c-wrongshape.json'), JSON.stringify({ format: 'claude-api-toolkit/conversation', version: 1, conversation: { id: 'c-wrongshape', turns: 'x' } }));
    fs.writeFileSync(path.join(chat.storageDir, 'chat-state.json'), 'not json at all');

    const problems = await chat.reload();
    assert.strictEqual(problems.length, 3, JSON.stringify(problems));
    for (const problem of problems) {
      assert.ok(problem.movedTo && /\.corrupt-/.test(problem.movedTo), JSON.stringify(problem));
      assert.ok(fs.existsSync(problem.movedTo), 'the damaged file is kept, renamed');
      assert.ok(!fs.existsSync(problem.file), 'and no longer read');
    }
    assert.ok((await chat.conversations()).some((c) => c.id === good), 'intact conversations load');
    assert.deepStrictEqual(await chat.reload(), [], 'reported once: the next load finds nothing wrong');

    fake.enqueue({ kind: 'reply', text: 'Works.' });
    const result = await chat.sendMessage('Still working?');
    assert.strictEqual(result.text, 'Works.');
  });
});
