// The fake API's other routes and its bookkeeping: models paging and count_tokens through the real
// SDK, both key headers, per-endpoint scenario queues, and what `requests` records.
import * as assert from 'node:assert';
import { Anthropic, AuthenticationError, BadRequestError, NotFoundError, RateLimitError } from '@anthropic-ai/sdk';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { defaultModels } from '../server/modelCatalog';
import { textTokens } from '../server/promptTokens';
import { rejection } from './rejection';

const validKey = 'endpoints-valid-key';

describe('fake Anthropic API: models, count_tokens, auth and recording', () => {
  let server: FakeAnthropic;
  let client: Anthropic;

  before(async () => {
    server = await startFakeAnthropic({ validKeys: [validKey] });
    client = new Anthropic({ apiKey: validKey, baseURL: server.url, maxRetries: 0 });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('pages models.list with has_more, first_id and last_id; the SDK follows the cursor', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list({ limit: 5 })) ids.push(model.id);
    assert.deepStrictEqual(ids, defaultModels.map((model) => model.id));
    const pages = Math.ceil(defaultModels.length / 5);
    assert.strictEqual(server.requests.length, pages);
    assert.deepStrictEqual(server.requests[0].query, { limit: '5' });
    assert.deepStrictEqual(server.requests[1].query, { limit: '5', after_id: defaultModels[4].id });

    const first = await client.models.list({ limit: 5 });
    assert.strictEqual(first.has_more, true);
    assert.strictEqual(first.first_id, defaultModels[0].id);
    assert.strictEqual(first.last_id, defaultModels[4].id);
    assert.deepStrictEqual(Object.keys(first.data[0]).sort(), Object.keys(defaultModels[0]).sort());
  });

  it('pages backwards with before_id and rejects an out-of-range limit', async () => {
    const page = await client.models.list({ limit: 2, before_id: defaultModels[5].id });
    assert.deepStrictEqual(page.data.map((model) => model.id), [defaultModels[3].id, defaultModels[4].id]);
    assert.strictEqual(page.has_more, true);
    const error = await rejection(client.models.list({ limit: 0 }));
    assert.ok(error instanceof BadRequestError, String(error));
  });

  it('retrieves a model by id or undated alias, 404 for an unknown one', async () => {
    const model = await client.models.retrieve('claude-sonnet-4-5');
    assert.strictEqual(model.id, 'claude-sonnet-4-5-20250929');
    assert.strictEqual(model.display_name, 'Claude Sonnet 4.5');
    assert.ok((await rejection(client.models.retrieve('gpt-4o'))) instanceof NotFoundError);
  });

  it('counts tokens deterministically and the count matches the usage of a reply', async () => {
    const params = {
      model: 'claude-opus-4-7',
      system: 'Be brief.',
      messages: [
        { role: 'user' as const, content: 'What is a token?' },
        { role: 'assistant' as const, content: 'A piece of text.' },
        { role: 'user' as const, content: 'And a tokenizer?' },
      ],
    };
    const expected = 3 + textTokens('Be brief.') + 3 * 3 + textTokens('What is a token?') + textTokens('A piece of text.') + textTokens('And a tokenizer?');
    const counted = await client.messages.countTokens(params);
    assert.deepStrictEqual(counted, { input_tokens: expected });
    const message = await client.messages.create({ ...params, max_tokens: 100 });
    assert.strictEqual(message.usage.input_tokens, expected);
  });

  it('keeps a queue per endpoint: a count_tokens fault does not touch chat replies', async () => {
    server.enqueue({ kind: 'httpError', status: 429, endpoint: 'countTokens', retryAfterSeconds: 3 }, { kind: 'reply', text: 'chat reply' });
    assert.strictEqual(server.pending('countTokens'), 1);
    assert.strictEqual(server.pending('messages'), 1);
    await client.models.list();
    const message = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    assert.strictEqual(message.content[0].type === 'text' && message.content[0].text, 'chat reply');
    const error = await rejection(client.messages.countTokens({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] }));
    assert.ok(error instanceof RateLimitError, String(error));
  });

  it('accepts the key as x-api-key (SDK 0.x style) as well as Authorization: Bearer', async () => {
    const legacy = new Anthropic({ apiKey: null, defaultHeaders: { 'x-api-key': validKey }, baseURL: server.url, maxRetries: 0 });
    await legacy.messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] });
    assert.deepStrictEqual(
      server.requests.map((request) => [request.auth, request.keyAccepted, request.validKeyIndex]),
      [
        ['x-api-key', true, 0],
        ['bearer', true, 0],
      ],
    );
  });

  it('answers a request without a key or without anthropic-version as the API does', async () => {
    const bare = await fetch(`${server.url}/v1/models`);
    assert.strictEqual(bare.status, 401);
    const body = (await bare.json()) as { type: string; error: { type: string; message: string }; request_id: string };
    assert.deepStrictEqual(body, {
      type: 'error',
      error: { type: 'authentication_error', message: 'x-api-key header is required' },
      request_id: bare.headers.get('request-id'),
    });
    const noVersion = await fetch(`${server.url}/v1/models`, { headers: { 'x-api-key': validKey } });
    assert.strictEqual(noVersion.status, 400);
    const unknownRoute = await fetch(`${server.url}/v1/complete`, { method: 'POST', headers: { 'x-api-key': validKey } });
    assert.strictEqual(unknownRoute.status, 404);
  });

  it('records method, path, headers without key values and the parsed body of every request', async () => {
    const history = [
      { role: 'user' as const, content: 'first question' },
      { role: 'assistant' as const, content: 'first answer' },
      { role: 'user' as const, content: 'second question' },
    ];
    await client.messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 300, system: 'sys', messages: history }).finalMessage();
    await rejection(new Anthropic({ apiKey: 'not-the-key', baseURL: server.url, maxRetries: 0 }).models.list());
    const [chat, denied] = server.requests;
    assert.strictEqual(chat.method, 'POST');
    assert.strictEqual(chat.path, '/v1/messages');
    assert.strictEqual(chat.status, 200);
    assert.strictEqual(chat.headers.authorization, '<redacted>');
    assert.strictEqual(chat.headers['anthropic-version'], '2026-10-21');
    assert.deepStrictEqual(chat.body, { model: 'claude-sonnet-4-6', max_tokens: 300, system: 'sys', messages: history, stream: true });
    assert.strictEqual(denied.status, 401);
    assert.strictEqual(denied.keyAccepted, false);
    const recorded = JSON.stringify(server.requests);
    assert.ok(!recorded.includes(validKey) && !recorded.includes('not-the-key'), 'no key value is recorded');
  });

  it('waitForRequests resolves once enough requests to a path arrived, and times out clearly', async () => {
    const waiting = server.waitForRequests(2, { path: '/v1/messages' });
    await client.models.list();
    await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'a' }] });
    await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'b' }] });
    const seen = await waiting;
    assert.deepStrictEqual(seen.map((request) => (request.body as { messages: { content: string }[] }).messages[0].content), ['a', 'b']);
    await assert.rejects(server.waitForRequests(5, { timeoutMs: 50 }), /3 of 5 requests after 50 ms/);
  });

  it('rejects an unknown key before consuming a scripted 401 meant for a valid one', async () => {
    server.enqueue({ kind: 'httpError', status: 401, message: 'revoked' });
    const wrong = new Anthropic({ apiKey: 'wrong', baseURL: server.url, maxRetries: 0 });
    const first = await rejection(wrong.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }));
    assert.ok(first instanceof AuthenticationError);
    assert.strictEqual(first.apiMessage, 'invalid x-api-key');
    const second = await rejection(client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }));
    assert.ok(second instanceof AuthenticationError);
    assert.strictEqual(second.apiMessage, 'revoked');
  });
});
