import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChatDeps } from '../../src/core/chat/chatDeps';
import { ChatRequestRefused, ChatSession } from '../../src/core/chat/chatSession';
import { parseConversation } from '../../src/core/chat/conversationCodec';
import type { ToWebviewMessage } from '../../src/shared/chatProtocol';
import { useChatFixture } from './chatTestSupport';
import { rejection } from './rejection';

// The chat engine's flows without the editor: a real ChatSession on a real file store, the real SDK
// talking to the loopback fake API.
describe('ChatSession flows', () => {
  const fixture = useChatFixture();

  /** A session and every message it posts to the page. */
  function session(overrides: Partial<ChatDeps> = {}): { chat: ChatSession; posted: ToWebviewMessage[] } {
    const chat = new ChatSession(fixture.deps(overrides));
    const posted: ToWebviewMessage[] = [];
    chat.onMessage((message) => posted.push(message));
    return { chat, posted };
  }

  async function stored(chat: ChatSession) {
    const id = (await chat.activeConversation()).id;
    return parseConversation(fs.readFileSync(path.join(fixture.dir, 'conversations', `${id}.json`), 'utf8'));
  }

  function lastRequestMessages(): { role: string; content: unknown }[] {
    return (fixture.server.requests.filter((request) => request.path === '/v1/messages').at(-1)?.body as { messages: { role: string; content: unknown }[] }).messages;
  }

  /** Resolves once a posted message matches (the stream has reached the page). */
  function waitForPosted(posted: ToWebviewMessage[], match: (message: ToWebviewMessage) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        if (posted.some(match)) resolve();
        else if (Date.now() - started > 10_000) reject(new Error('the awaited message never came'));
        else setTimeout(poll, 5);
      };
      poll();
    });
  }

  it('send: the message is saved and announced before the reply, which streams, completes and is saved', async () => {
    const { chat, posted } = session();
    const result = await chat.sendMessage('hello');
    assert.strictEqual(result.interrupted, false);
    assert.strictEqual(result.text, 'You said: hello');
    const types = posted.map((message) => message.type);
    assert.ok(types.indexOf('didAppendUserTurn') < types.indexOf('didStartReply'), types.join());
    assert.ok(types.includes('didAppendText'));
    assert.strictEqual(types.at(-1), 'didChangeBusy');
    assert.ok(types.indexOf('didEndReply') > types.indexOf('didStartReply'), types.join());
    const onDisk = await stored(chat);
    assert.deepStrictEqual(onDisk.turns.map((turn) => turn.role), ['user', 'assistant']);
    const reply = onDisk.turns[1];
    assert.ok(reply.role === 'assistant' && reply.status === 'complete' && reply.footer !== undefined);
    assert.strictEqual(chat.isBusy, false);
  });

  it('a second send while a reply streams is refused, and the first one carries on', async () => {
    const { chat, posted } = session();
    fixture.server.enqueue({ kind: 'reply', text: 'a slow reply', chunkSize: 2, delayMs: 20 });
    const first = chat.sendMessage('one');
    await waitForPosted(posted, (message) => message.type === 'didStartReply');
    assert.ok(chat.isBusy);
    assert.ok((await rejection(chat.sendMessage('two'))) instanceof ChatRequestRefused);
    assert.strictEqual((await first).text, 'a slow reply');
    assert.strictEqual((await chat.activeConversation()).turns.length, 2, 'the refused message was not added');
  });

  it('stop: what arrived stays, marked interrupted (aborted), on disk too', async () => {
    const { chat, posted } = session();
    fixture.server.enqueue({ kind: 'stall', text: 'part of an answer that never finishes', afterChars: 12 });
    const reply = chat.sendMessage('go');
    await waitForPosted(posted, (message) => message.type === 'didAppendText');
    await chat.stop();
    const result = await reply;
    assert.strictEqual(result.interrupted, true);
    assert.strictEqual(result.error?.kind, 'aborted');
    assert.ok(result.text.length > 0 && 'part of an answer that never finishes'.startsWith(result.text), result.text);
    const last = (await stored(chat)).turns[1];
    assert.ok(last.role === 'assistant' && last.status === 'interrupted' && last.error?.kind === 'aborted');
    assert.strictEqual(chat.isBusy, false);
  });

  it('retry: the last reply is replaced by a new one asked with the same history', async () => {
    const { chat } = session();
    const first = await chat.sendMessage('hi');
    const again = await chat.retry();
    assert.notStrictEqual(again.turnId, first.turnId);
    assert.deepStrictEqual((await stored(chat)).turns.map((turn) => turn.id), [(await chat.activeConversation()).turns[0].id, again.turnId]);
    assert.deepStrictEqual(lastRequestMessages().map((message) => message.role), ['user']);
  });

  it('retry with no message yet is refused', async () => {
    const { chat } = session();
    assert.ok((await rejection(chat.retry())) instanceof ChatRequestRefused);
  });

  it('continue: an interrupted reply resumes in the same turn, from what arrived', async () => {
    const { chat } = session();
    fixture.server.enqueue({ kind: 'streamError', text: 'The first half. The second half.', afterChars: 16 });
    const broken = await chat.sendMessage('tell me');
    assert.strictEqual(broken.interrupted, true);
    fixture.server.enqueue({ kind: 'reply', text: ' The second half.' });
    const resumed = await chat.continueReply();
    assert.strictEqual(resumed.turnId, broken.turnId);
    assert.strictEqual(resumed.interrupted, false);
    assert.strictEqual(resumed.text, `${broken.text} The second half.`);
    const sent = lastRequestMessages();
    assert.strictEqual(sent.at(-1)?.role, 'assistant', 'the partial reply is sent as the start of the answer');
    assert.ok((await rejection(chat.continueReply())) instanceof ChatRequestRefused, 'a complete reply cannot be continued');
  });

  it('edit: the last message is replaced, what followed it dropped, and the new text sent', async () => {
    const { chat } = session();
    await chat.sendMessage('first version');
    const result = await chat.editLastUserMessage('second version');
    assert.strictEqual(result.text, 'You said: second version');
    const turns = (await stored(chat)).turns;
    assert.deepStrictEqual(turns.map((turn) => (turn.role === 'user' ? turn.text : turn.role)), ['second version', 'assistant']);
    assert.deepStrictEqual(lastRequestMessages().length, 1);
  });

  it('load race: a send made before the store is read lands in the loaded conversation, not a new one', async () => {
    const earlier = session().chat;
    await earlier.sendMessage('from before the reload');
    const { chat } = session();
    await chat.sendMessage('right away'); // no load() first
    const list = await chat.conversations();
    assert.strictEqual(list.length, 1, JSON.stringify(list));
    assert.strictEqual((await stored(chat)).turns.length, 4);
  });

  it('save race: quick changes one after another all reach the file, in order', async () => {
    const { chat } = session();
    await chat.sendMessage('hi');
    const id = (await chat.activeConversation()).id;
    await Promise.all([
      chat.renameConversation(id, 'Renamed'),
      chat.changeParameters({ systemPrompt: 'Be brief.' }),
      chat.changeParameters({ maxTokens: 512 }),
    ]);
    const onDisk = await stored(chat);
    assert.strictEqual(onDisk.title, 'Renamed');
    assert.strictEqual(onDisk.parameters.systemPrompt, 'Be brief.');
    assert.strictEqual(onDisk.parameters.maxTokens, 512);
  });

  it('shutdown mid-reply: what arrived is saved at once and reads back as unfinished', async () => {
    const { chat, posted } = session();
    fixture.server.enqueue({ kind: 'stall', text: 'streaming when the window closed', afterChars: 10 });
    const reply = chat.sendMessage('go');
    await waitForPosted(posted, (message) => message.type === 'didAppendText');
    chat.dispose();
    await reply;
    const reloaded = session().chat;
    const turns = (await reloaded.activeConversation()).turns;
    const last = turns.at(-1);
    assert.ok(last?.role === 'assistant' && last.status === 'interrupted', JSON.stringify(last));
    assert.strictEqual(last.error?.kind, 'unfinished');
    assert.ok(last.blocks.some((block) => block.kind === 'text' && block.text.length > 0));
    assert.ok((await rejection(chat.sendMessage('after shutdown'))) instanceof ChatRequestRefused);
  });
});
