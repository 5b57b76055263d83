// The fake API's normal replies, read through the real @anthropic-ai/sdk client: if the SDK accepts
// the stream and reports the expected events and usage, the fake speaks the wire format faithfully.
import * as assert from 'node:assert';
import { Anthropic } from '@anthropic-ai/sdk';
import type { MessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { largeMarkdown } from '../server/largeMarkdown';

const model = 'claude-sonnet-4-6';

describe('fake Anthropic API: streamed replies through the SDK', () => {
  let server: FakeAnthropic;
  let client: Anthropic;

  before(async () => {
    server = await startFakeAnthropic();
    client = new Anthropic({ apiKey: 'test-key-stream', baseURL: server.url, maxRetries: 0 });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  function ask(text: string, extra: Partial<Anthropic.MessageCreateParamsStreaming> = {}) {
    return client.messages.stream({ model, max_tokens: 4096, messages: [{ role: 'user', content: text }], ...extra });
  }

  it('streams the default reply token by token in the API event order', async () => {
    const stream = ask('Hello there, fake server');
    const texts: string[] = [];
    const eventTypes: string[] = [];
    stream.on('text', (delta) => texts.push(delta));
    stream.on('streamEvent', (event: MessageStreamEvent) => eventTypes.push(event.type));
    const message = await stream.finalMessage();

    assert.strictEqual(texts.join(''), 'You said: Hello there, fake server');
    assert.ok(texts.length > 1, 'the reply arrives in several deltas');
    assert.deepStrictEqual(message.content, [{ type: 'text', text: 'You said: Hello there, fake server' }]);
    assert.strictEqual(message.model, model);
    assert.strictEqual(message.stop_reason, 'end_turn');
    assert.strictEqual(eventTypes[0], 'message_start');
    assert.deepStrictEqual(eventTypes.slice(-4), ['content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    // Input: 3 per message + ceil(24 / 4); output: ceil(34 / 4).
    assert.strictEqual(message.usage.input_tokens, 3 + 6);
    assert.strictEqual(message.usage.output_tokens, 9);
  });

  it('sends a ping after the first block start, as the API does', async () => {
    const response = await rawStream(server, { model, max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const events = [...response.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    assert.deepStrictEqual(events.slice(0, 3), ['message_start', 'content_block_start', 'ping']);
  });

  it('splits text into deltas of chunkSize characters without breaking surrogate pairs', async () => {
    const text = 'ab😀cd€ef';
    server.enqueue({ kind: 'reply', text, chunkSize: 1 });
    const texts: string[] = [];
    const stream = ask('emoji please');
    stream.on('text', (delta) => texts.push(delta));
    await stream.finalMessage();
    assert.deepStrictEqual(texts, [...text]);
  });

  it('reports usage in message_start and cumulative usage in message_delta', async () => {
    server.enqueue({
      kind: 'reply',
      text: 'cached answer',
      usage: {
        input_tokens: 100,
        output_tokens: 40,
        cache_creation: { ephemeral_5m_input_tokens: 30, ephemeral_1h_input_tokens: 20 },
        cache_read_input_tokens: 500,
        service_tier: 'priority',
      },
    });
    const events: MessageStreamEvent[] = [];
    const stream = ask('use the cache');
    // Cloned: the SDK keeps mutating the message_start snapshot as deltas arrive.
    stream.on('streamEvent', (event: MessageStreamEvent) => events.push(structuredClone(event)));
    const message = await stream.finalMessage();

    const start = events.find((event) => event.type === 'message_start');
    assert.ok(start?.type === 'message_start');
    assert.strictEqual(start.message.usage.input_tokens, 100);
    assert.strictEqual(start.message.usage.output_tokens, 1);
    assert.strictEqual(start.message.usage.cache_creation_input_tokens, 50);
    assert.deepStrictEqual(start.message.usage.cache_creation, { ephemeral_5m_input_tokens: 30, ephemeral_1h_input_tokens: 20 });
    assert.strictEqual(start.message.usage.cache_read_input_tokens, 500);
    assert.strictEqual(start.message.usage.service_tier, 'priority');
    assert.deepStrictEqual(start.message.usage.server_tool_use, { web_search_requests: 0, web_fetch_requests: 0 });

    const delta = events.find((event) => event.type === 'message_delta');
    assert.ok(delta?.type === 'message_delta');
    // Cumulative: the delta repeats the input counts rather than adding to them.
    assert.strictEqual(delta.usage.output_tokens, 40);
    assert.strictEqual(delta.usage.input_tokens, 100);
    assert.strictEqual(delta.usage.cache_read_input_tokens, 500);

    assert.strictEqual(message.usage.input_tokens, 100);
    assert.strictEqual(message.usage.output_tokens, 40);
    assert.strictEqual(message.usage.cache_creation_input_tokens, 50);
    assert.strictEqual(message.usage.cache_read_input_tokens, 500);
  });

  it('lets message_delta carry larger input counts (server tools) and nulls', async () => {
    server.enqueue({
      kind: 'reply',
      usage: { input_tokens: 10, output_tokens: 5, server_tool_use: { web_search_requests: 2, web_fetch_requests: 0 } },
      finalUsage: { input_tokens: 250, cache_read_input_tokens: null, output_tokens: 90 },
    });
    const message = await ask('search the web').finalMessage();
    assert.strictEqual(message.usage.input_tokens, 250);
    assert.strictEqual(message.usage.output_tokens, 90);
    // A null in the delta leaves the start value in place (the SDK keeps the last non-null).
    assert.strictEqual(message.usage.cache_read_input_tokens, 0);
    assert.deepStrictEqual(message.usage.server_tool_use, { web_search_requests: 2, web_fetch_requests: 0 });
  });

  it('streams thinking before the answer, with a signature', async () => {
    server.enqueue({ kind: 'reply', thinking: 'First, consider the edge cases.', text: 'Done.', chunkSize: 8 });
    const thoughts: string[] = [];
    const stream = ask('think hard', { thinking: { type: 'enabled', budget_tokens: 2048 } });
    stream.on('thinking', (delta) => thoughts.push(delta));
    const message = await stream.finalMessage();
    assert.strictEqual(thoughts.join(''), 'First, consider the edge cases.');
    assert.strictEqual(message.content.length, 2);
    const [thinking, text] = message.content;
    assert.ok(thinking.type === 'thinking');
    assert.strictEqual(thinking.thinking, 'First, consider the edge cases.');
    assert.ok(thinking.signature.length > 0);
    assert.deepStrictEqual(text, { type: 'text', text: 'Done.' });
  });

  it('adds a default thinking block when the request enables thinking', async () => {
    const message = await ask('why?', { thinking: { type: 'enabled', budget_tokens: 1024 } }).finalMessage();
    assert.strictEqual(message.content[0].type, 'thinking');
    const plain = await ask('why?').finalMessage();
    assert.deepStrictEqual(plain.content.map((block) => block.type), ['text']);
  });

  it('puts request-id and rate-limit headers on the response, remaining counts going down', async () => {
    const first = await ask('one').withResponse();
    const second = await ask('two').withResponse();
    for (const kind of ['requests', 'tokens', 'input-tokens', 'output-tokens']) {
      assert.match(first.response.headers.get(`anthropic-ratelimit-${kind}-limit`) ?? '', /^\d+$/);
      const reset = first.response.headers.get(`anthropic-ratelimit-${kind}-reset`) ?? '';
      assert.match(reset, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.ok(Date.parse(reset) > Date.now());
    }
    const remaining = (response: Response) => Number(response.headers.get('anthropic-ratelimit-requests-remaining'));
    assert.strictEqual(remaining(second.response), remaining(first.response) - 1);
    assert.match(first.request_id ?? '', /^req_/);
    assert.notStrictEqual(first.request_id, second.request_id);
    await first.data.done();
    await second.data.done();
  });

  it('answers stream: false with the JSON message', async () => {
    server.enqueue({ kind: 'reply', text: 'plain JSON', thinking: 'hmm', usage: { input_tokens: 7, output_tokens: 3 } });
    const message = await client.messages.create({
      model,
      max_tokens: 2000,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'no stream' }],
    });
    assert.deepStrictEqual(message.content.map((block) => block.type), ['thinking', 'text']);
    assert.strictEqual(message.content[1].type === 'text' && message.content[1].text, 'plain JSON');
    assert.strictEqual(message.usage.input_tokens, 7);
    assert.strictEqual(message.usage.output_tokens, 3);
    assert.strictEqual(message.stop_reason, 'end_turn');
  });

  it('streams a ~200 KB markdown reply with code blocks in many small deltas', async () => {
    server.enqueue({ kind: 'largeReply', chunkSize: 24 });
    let deltas = 0;
    const stream = ask('write a lot');
    stream.on('text', () => deltas++);
    const message = await stream.finalMessage();
    const text = message.content[0].type === 'text' ? message.content[0].text : '';
    assert.strictEqual(text, largeMarkdown(200_000));
    assert.ok(Buffer.byteLength(text) >= 195_000 && Buffer.byteLength(text) <= 205_000, `${Buffer.byteLength(text)} bytes`);
    assert.ok(text.includes('```typescript') && text.includes('```python') && text.includes('| --- |'));
    assert.strictEqual(deltas, Math.ceil([...text].length / 24));
  });

  it('uses the defaultReply knobs while the queue is empty', async () => {
    const custom = await startFakeAnthropic({ defaultReply: { text: 'configured default', chunkSize: 3 } });
    try {
      const other = new Anthropic({ apiKey: 'any', baseURL: custom.url, maxRetries: 0 });
      const deltas: string[] = [];
      const stream = other.messages.stream({ model, max_tokens: 100, messages: [{ role: 'user', content: 'x' }] });
      stream.on('text', (delta) => deltas.push(delta));
      await stream.finalMessage();
      assert.deepStrictEqual(deltas, ['con', 'fig', 'ure', 'd d', 'efa', 'ult']);
    } finally {
      await custom.close();
    }
  });

  it('paces events with delayMs so the reply arrives over time', async () => {
    server.enqueue({ kind: 'reply', text: 'abcdefgh', chunkSize: 2, delayMs: 15 });
    const stream = ask('slowly');
    const firstText = new Promise<string>((resolve) => stream.once('text', resolve));
    let ended = false;
    const finished = stream.finalMessage().then((message) => {
      ended = true;
      return message;
    });
    assert.strictEqual(await firstText, 'ab');
    // Later events are still on their way when the first delta is handled.
    assert.strictEqual(ended, false);
    const message = await finished;
    assert.deepStrictEqual(message.content, [{ type: 'text', text: 'abcdefgh' }]);
  });
});

/** POSTs a body with fetch and returns the raw SSE text. */
async function rawStream(server: FakeAnthropic, body: unknown): Promise<string> {
  const response = await fetch(`${server.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': 'raw-key', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.strictEqual(response.status, 200);
  assert.strictEqual(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  return response.text();
}
