import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConversation } from '../../src/core/chat/conversationCodec';
import { lookupModelPrice } from '../../src/core/prices/lookup';
import type { RateLimits } from '../../src/core/usage/rateLimits';
import { RequestTracker } from '../../src/core/usage/requestTracker';
import type { UsageRecorder } from '../../src/core/usage/requestUsage';
import { usageTooltipMarkdown } from '../../src/core/usage/usageTooltip';
import { totalsByModel } from '../../src/core/usage/usageTotals';
import { ChatSession } from '../../src/core/chat/chatSession';
import { useChatFixture } from './chatTestSupport';

// Two windows = two sessions, each with its own store object, on one global storage folder; the real SDK
// talks to the loopback fake API.
describe('chat sessions in two windows on one store', () => {
  const fixture = useChatFixture();

  /** A window: its own session and store object on the shared folder. */
  function window(usage?: UsageRecorder): ChatSession {
    return new ChatSession(fixture.deps({ usage }));
  }

  async function turnsOnDisk(session: ChatSession): Promise<string[]> {
    const id = (await session.activeConversation()).id;
    const stored = parseConversation(fs.readFileSync(path.join(fixture.dir, 'conversations', `${id}.json`), 'utf8'));
    return stored.turns.map((turn) => (turn.role === 'user' ? `user: ${turn.text}` : 'assistant'));
  }

  it("sending from window A, then from window B keeps A's turns on disk (and B's request carries them)", async () => {
    const first = window();
    await first.sendMessage('hello from A'); // creates the shared active conversation
    const a = window();
    const b = window();
    await a.load();
    await b.load();
    await a.sendMessage('second from A');
    await b.sendMessage('first from B');
    assert.deepStrictEqual(await turnsOnDisk(b), ['user: hello from A', 'assistant', 'user: second from A', 'assistant', 'user: first from B', 'assistant']);
    const lastRequest = fixture.server.requests.at(-1)?.body as { messages: { role: string }[] };
    assert.strictEqual(lastRequest.messages.length, 5, 'B asked with the whole history, A\'s turns included');
    await a.sendMessage('third from A');
    assert.strictEqual((await turnsOnDisk(a)).length, 8, 'A in turn keeps B\'s turns');
  });

  it('a turn this window removed (Retry) is not brought back from its own older save', async () => {
    const a = window();
    await a.sendMessage('hi');
    const before = (await a.activeConversation()).turns.map((turn) => turn.id);
    await a.retry();
    const after = (await a.activeConversation()).turns.map((turn) => turn.id);
    assert.strictEqual(after.length, 2);
    assert.strictEqual(after[0], before[0]);
    assert.notStrictEqual(after[1], before[1]);
  });

  it('a 429 with rate-limit headers updates the meter and the tooltip shows its retry-after', async () => {
    const limits: RateLimits[] = [];
    const usage: UsageRecorder = {
      beginRequest: (request) =>
        new RequestTracker(request, {
          price: (id) => lookupModelPrice(id),
          now: () => new Date('2026-11-22T10:00:00Z'),
          onProgress: () => undefined,
          onEnd: () => undefined,
          onRateLimits: (value) => limits.push(value),
        }),
    };
    const a = window(usage);
    fixture.server.enqueue({ kind: 'httpError', status: 429, retryAfterSeconds: 30 });
    const result = await a.sendMessage('hi');
    assert.strictEqual(result.interrupted, true);
    const last = limits.at(-1);
    assert.ok(last, 'the 429 reached the meter');
    assert.strictEqual(last.status, 429);
    assert.strictEqual(last.retryAfterSeconds, 30);
    assert.strictEqual(typeof last.requests?.remaining, 'number');
    const tooltip = usageTooltipMarkdown({
      session: totalsByModel([]),
      sessionStarted: new Date(),
      today: totalsByModel([]).all,
      month: totalsByModel([]).all,
      lastRequest: undefined,
      rateLimits: last,
      inFlight: 0,
    });
    assert.match(tooltip, /\*\*Rate limited\*\* \(429\): retry after 30 s \(at 10:00:30\)/);
  });
});
