import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChatApi } from '../../src/chat/chatApi';
import type { ChatReplyResult } from '../../src/core/chat/chatSession';
import type { ToWebviewMessage } from '../../src/shared/chatProtocol';
import type { Scenario } from '../server/fakeAnthropic';
import { recordPageMessages, useChatAgainstFake } from './chatHelpers';
import { waitFor } from './extensionApi';

/** The conversation as saved on disk (what a window reload would bring back). */
function savedConversation(chat: ChatApi, id: string): { turns: { role: string; text?: string; status?: string; blocks?: { type: string; text?: string }[]; error?: { kind: string } }[] } {
  const file = path.join(chat.storageDir, 'conversations', `${id}.json`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { conversation: ReturnType<typeof savedConversation> }).conversation;
}

const partialText = 'Here is the first part of a reply that will not finish because something breaks. ';

describe('chat: every scripted fault ends with the conversation intact and a clear message', () => {
  const ctx = useChatAgainstFake();

  /** Sends `text` against `scenario`, checks what every fault must leave behind, returns the result. */
  async function sendInto(scenario: Scenario, text: string, during?: (messages: ToWebviewMessage[]) => Promise<void>): Promise<ChatReplyResult> {
    ctx.fake.enqueue(scenario);
    const { result, messages } = await recordPageMessages(ctx.chat, async (live) => {
      const sending = ctx.chat.sendMessage(text);
      if (during) await during(live);
      return sending;
    });
    assert.strictEqual(result.interrupted, true, `${scenario.kind} should interrupt the reply`);
    assert.ok(result.error?.message, 'a message for the user');
    const interrupted = messages.find((m) => m.type === 'didInterruptReply');
    assert.ok(interrupted && interrupted.type === 'didInterruptReply' && interrupted.turnId === result.turnId, 'the page is told');
    assert.strictEqual(ctx.chat.isBusy(), false);

    // Intact: the user's message and the (partial) reply are in memory and on disk, marked interrupted.
    const view = await ctx.chat.activeConversation();
    const [user, reply] = view.turns.slice(-2);
    assert.ok(user.role === 'user' && user.text === text);
    assert.ok(reply.role === 'assistant' && reply.status === 'interrupted' && reply.error?.kind === result.error?.kind);
    const saved = savedConversation(ctx.chat, view.id).turns.slice(-2);
    assert.strictEqual(saved[0].text, text);
    assert.strictEqual(saved[1].status, 'interrupted');
    assert.strictEqual(saved[1].error?.kind, result.error?.kind);
    assert.strictEqual((saved[1].blocks ?? []).map((b) => b.text ?? '').join(''), result.text);
    return result;
  }

  it('429: rate limited, with the wait from retry-after', async () => {
    const result = await sendInto({ kind: 'httpError', status: 429, retryAfterSeconds: 7 }, 'rate me');
    assert.strictEqual(result.error?.kind, 'rateLimit');
    assert.strictEqual(result.error?.status, 429);
    assert.strictEqual(result.error?.retryAfterSeconds, 7);
    assert.match(result.error?.message ?? '', /7 s/);
    assert.ok(result.error?.requestId?.startsWith('req_'), 'request id for support');
  });

  it('529: the API is overloaded', async () => {
    const result = await sendInto({ kind: 'httpError', status: 529, retryAfterSeconds: 3 }, 'overload me');
    assert.strictEqual(result.error?.kind, 'overloaded');
    assert.match(result.error?.message ?? '', /overloaded/i);
  });

  it('500: internal error', async () => {
    const result = await sendInto({ kind: 'httpError', status: 500 }, 'break me');
    assert.strictEqual(result.error?.kind, 'server');
    assert.match(result.error?.message ?? '', /internal error/i);
  });

  it('401: the key is rejected and "Set API Key" is offered', async () => {
    const result = await sendInto({ kind: 'httpError', status: 401 }, 'who am I');
    assert.strictEqual(result.error?.kind, 'authentication');
    assert.deepStrictEqual(result.error?.actions.map((a) => a.kind), ['setApiKey']);
    assert.ok(!/sk-ant-/.test(result.error?.message ?? ''), 'no key in the message');
  });

  it('mid-stream error event: the partial reply stays', async () => {
    const result = await sendInto({ kind: 'streamError', text: partialText.repeat(2), afterChars: partialText.length }, 'stream then fail');
    assert.strictEqual(result.error?.kind, 'overloaded');
    assert.match(result.error?.message ?? '', /mid-stream/);
    assert.ok(result.text.length > 0 && partialText.repeat(2).startsWith(result.text), JSON.stringify(result.text));
  });

  it('dropped connection: the partial reply stays with a network hint', async () => {
    const result = await sendInto({ kind: 'drop', text: partialText.repeat(2), afterChars: partialText.length }, 'drop me');
    assert.strictEqual(result.error?.kind, 'network');
    assert.match(result.error?.message ?? '', /dropped/);
    assert.ok(result.text.length > 0 && partialText.repeat(2).startsWith(result.text), 'partial text kept');
  });

  it('stall, then Stop: what arrived stays, marked stopped', async () => {
    const result = await sendInto({ kind: 'stall', text: partialText.repeat(2), afterChars: partialText.length }, 'stall me', async (messages) => {
      await waitFor(() => messages.some((m) => m.type === 'didAppendText'), 10_000, 'text before the stall');
      await ctx.chat.stop();
    });
    assert.strictEqual(result.error?.kind, 'aborted');
    // The fake stalls at the first delta boundary past `afterChars`.
    assert.ok(result.text.startsWith(partialText) && result.text.length < partialText.length * 2, JSON.stringify(result.text));
  });

  it('malformed event JSON: a bad-response message', async () => {
    const result = await sendInto({ kind: 'malformedEvent', text: partialText.repeat(2), afterChars: partialText.length }, 'garble me');
    assert.strictEqual(result.error?.kind, 'badResponse');
    assert.match(result.error?.message ?? '', /not valid JSON/);
  });

  it('200 KB reply: arrives whole, in far fewer page messages than deltas', async () => {
    ctx.fake.enqueue({ kind: 'largeReply', chunkSize: 16 });
    const { result, messages } = await recordPageMessages(ctx.chat, () => ctx.chat.sendMessage('Write a lot'));
    assert.strictEqual(result.interrupted, false);
    assert.ok(result.text.length >= 190_000, `${result.text.length} characters`);
    const appended = messages.filter((m) => m.type === 'didAppendText');
    const streamed = appended.map((m) => (m.type === 'didAppendText' ? m.text : '')).join('');
    assert.strictEqual(streamed, result.text);
    const deltas = Math.ceil(result.text.length / 16);
    assert.ok(appended.length < deltas / 4, `${appended.length} page messages for ${deltas} deltas`);
    console.log(`200 KB reply: ${deltas} deltas -> ${appended.length} page messages`);
  });
});
