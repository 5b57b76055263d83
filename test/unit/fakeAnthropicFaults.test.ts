// Scripted faults, read through the real @anthropic-ai/sdk client: each must surface as the error the
// SDK raises against the real API, with the SDK's retry behaviour (retried or not) intact.
import * as assert from 'node:assert';
import {
  Anthropic,
  AnthropicError,
  APIConnectionError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  OverloadedError,
  PermissionDeniedError,
  RateLimitError,
} from '@anthropic-ai/sdk';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { rejection } from './rejection';

const model = 'claude-haiku-4-5';
const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Tell me something.' }];
const text = 'The quick brown fox jumps over the lazy dog.';

/** Polls until `condition` holds; the fake records client aborts asynchronously. */
async function eventually(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), what);
}

describe('fake Anthropic API: scripted faults through the SDK', () => {
  let server: FakeAnthropic;

  before(async () => {
    server = await startFakeAnthropic({ validKeys: ['good-key', 'second-key'] });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  const client = (maxRetries = 0, apiKey = 'good-key') => new Anthropic({ apiKey, baseURL: server.url, maxRetries });

  /** Streams a reply, collecting its text; resolves to the text and the error it ended with, if any. */
  async function streamText(anthropic: Anthropic): Promise<{ text: string; error: unknown }> {
    const stream = anthropic.messages.stream({ model, max_tokens: 1000, messages });
    let received = '';
    stream.on('text', (delta) => (received += delta));
    const error = await rejection(stream.finalMessage());
    return { text: received, error };
  }

  it('retries a 429 after retry-after-ms and then succeeds', async () => {
    server.enqueue({ kind: 'httpError', status: 429, retryAfterMs: 20, retryAfterSeconds: 1 }, { kind: 'reply', text: 'after the wait' });
    const message = await client(2).messages.stream({ model, max_tokens: 100, messages }).finalMessage();
    assert.deepStrictEqual(message.content, [{ type: 'text', text: 'after the wait' }]);
    assert.deepStrictEqual(server.requests.map((request) => request.status), [429, 200]);
    assert.strictEqual(server.requests[1].headers['x-stainless-retry-count'], '1');
    assert.strictEqual(server.pending(), 0);
  });

  it('retries a 429 that only gives retry-after in seconds', async () => {
    server.enqueue({ kind: 'httpError', status: 429, retryAfterSeconds: 0.05 }, { kind: 'reply', text: 'ok' });
    const message = await client(1).messages.create({ model, max_tokens: 100, messages });
    assert.strictEqual(message.content[0].type === 'text' && message.content[0].text, 'ok');
    assert.strictEqual(server.requests.length, 2);
  });

  it('surfaces a 429 as RateLimitError with the retry-after header and the API error body', async () => {
    server.enqueue({ kind: 'httpError', status: 429, retryAfterSeconds: 17 });
    const error = await rejection(client(0).messages.create({ model, max_tokens: 100, messages }));
    assert.ok(error instanceof RateLimitError, String(error));
    assert.strictEqual(error.status, 429);
    assert.strictEqual(error.type, 'rate_limit_error');
    assert.strictEqual(error.headers.get('retry-after'), '17');
    assert.match(error.requestID ?? '', /^req_/);
    assert.deepStrictEqual(Object.keys(error.error as object).sort(), ['error', 'request_id', 'type']);
    assert.strictEqual((error.error as { request_id: string }).request_id, error.requestID);
  });

  it('raises OverloadedError for 529 once retries are exhausted', async () => {
    server.enqueue({ kind: 'httpError', status: 529, retryAfterMs: 1 }, { kind: 'httpError', status: 529, retryAfterMs: 1 });
    const { error } = await streamText(client(1));
    assert.ok(error instanceof OverloadedError, String(error));
    assert.strictEqual(error.status, 529);
    assert.strictEqual(error.type, 'overloaded_error');
    assert.strictEqual(server.requests.length, 2, 'one try plus one retry');
  });

  it('raises InternalServerError for 500', async () => {
    server.enqueue({ kind: 'httpError', status: 500 });
    const error = await rejection(client(0).messages.create({ model, max_tokens: 100, messages }));
    assert.ok(error instanceof InternalServerError && !(error instanceof OverloadedError), String(error));
    assert.strictEqual(error.type, 'api_error');
  });

  it('throws a mid-stream error event as APIError without status and does not retry it', async () => {
    server.enqueue({ kind: 'streamError', text, afterChars: 10, chunkSize: 5 });
    const { text: received, error } = await streamText(client(2));
    assert.ok(error instanceof APIError, String(error));
    assert.strictEqual(error.status, undefined);
    assert.strictEqual(error.type, 'overloaded_error');
    assert.strictEqual(received, text.slice(0, 10), 'the partial reply arrived before the error');
    assert.strictEqual(server.requests.length, 1, 'not retried');
  });

  it('fails with a connection error when the connection drops mid-stream', async () => {
    server.enqueue({ kind: 'drop', text, afterChars: 15, chunkSize: 5 });
    const { text: received, error } = await streamText(client(2));
    // What undici raises for a body cut short, wrapped by the SDK's stream reader: not an APIConnectionError.
    assert.ok(error instanceof AnthropicError && !(error instanceof APIError), String(error));
    assert.ok(error.cause instanceof TypeError && error.cause.message === 'terminated', String(error.cause));
    assert.strictEqual(received, text.slice(0, 15));
    assert.strictEqual(server.requests.length, 1, 'a stream that has started is not retried');
    assert.strictEqual(server.requests[0].clientAborted, false, 'the server, not the client, closed it');
  });

  it('stalls after some text until the client aborts, and records the abort', async () => {
    server.enqueue({ kind: 'stall', text, afterChars: 5, chunkSize: 5 });
    const stream = client(0).messages.stream({ model, max_tokens: 1000, messages });
    const firstText = new Promise<string>((resolve) => stream.once('text', resolve));
    const outcome = rejection(stream.finalMessage());
    assert.strictEqual(await firstText, text.slice(0, 5));
    stream.abort();
    assert.ok((await outcome) instanceof APIUserAbortError);
    await eventually(() => server.requests[0].clientAborted, 'the server saw the client go away');
  });

  it('lets a client timeout end a stall before any text', async () => {
    server.enqueue({ kind: 'stall', text, afterChars: 0 });
    const stream = client(0).messages.stream({ model, max_tokens: 1000, messages }, { signal: AbortSignal.timeout(200) });
    const error = await rejection(stream.finalMessage());
    assert.ok(error instanceof APIUserAbortError, String(error));
    await eventually(() => server.requests[0].clientAborted, 'the server saw the client go away');
  });

  it('sends malformed event JSON that makes the SDK throw', async () => {
    server.enqueue({ kind: 'malformedEvent', text, afterChars: 10, chunkSize: 10 });
    // The SDK logs the bad chunk through its logger before throwing; keep the test output clean.
    const quiet = new Anthropic({ apiKey: 'good-key', baseURL: server.url, maxRetries: 2, logLevel: 'off' });
    const { text: received, error } = await streamText(quiet);
    assert.ok(error instanceof AnthropicError && /JSON/.test(error.message), String(error));
    assert.strictEqual(received, text.slice(0, 10));
    assert.strictEqual(server.requests.length, 1);
  });

  it('resets the connection before answering: a retried APIConnectionError', async () => {
    server.enqueue({ kind: 'reset' }, { kind: 'reset' });
    const error = await rejection(client(1).messages.create({ model, max_tokens: 100, messages }));
    assert.ok(error instanceof APIConnectionError, String(error));
    assert.strictEqual(server.requests.length, 2);
  });

  it('answers an unknown key with 401 authentication_error, not retried', async () => {
    const error = await rejection(client(2, 'wrong-key').messages.create({ model, max_tokens: 100, messages }));
    assert.ok(error instanceof AuthenticationError, String(error));
    assert.strictEqual(error.type, 'authentication_error');
    const body = error.error as { type: string; error: { type: string; message: string }; request_id: string };
    assert.deepStrictEqual(body, {
      type: 'error',
      error: { type: 'authentication_error', message: 'invalid x-api-key' },
      request_id: error.requestID,
    });
    assert.strictEqual(server.requests.length, 1);
    assert.strictEqual(server.requests[0].keyAccepted, false);
  });

  it('scripts a 401 and a 403 even for a valid key', async () => {
    server.enqueue({ kind: 'httpError', status: 401 }, { kind: 'httpError', status: 403 });
    assert.ok((await rejection(client().messages.create({ model, max_tokens: 100, messages }))) instanceof AuthenticationError);
    const forbidden = await rejection(client().messages.create({ model, max_tokens: 100, messages }));
    assert.ok(forbidden instanceof PermissionDeniedError, String(forbidden));
    assert.strictEqual(forbidden.type, 'permission_error');
  });

  it('rejects requests the real API rejects, with its 400 message', async () => {
    const error = await rejection(
      client().messages.create({ model, max_tokens: 1000, thinking: { type: 'enabled', budget_tokens: 2000 }, messages }),
    );
    assert.ok(error instanceof BadRequestError, String(error));
    assert.match(error.message, /max_tokens. must be greater than .thinking\.budget_tokens/);
    const empty = await rejection(client().messages.create({ model, max_tokens: 10, messages: [] }));
    assert.ok(empty instanceof BadRequestError);
    assert.strictEqual(server.pending(), 0);
  });

  it('rejects sampling parameters under API version 2026-10-21 (what the SDK sends), even at defaults', async () => {
    // The SDK's types no longer have `temperature`; a client assembling its own body can still send it.
    const withTemperature = { model, max_tokens: 100, messages, temperature: 1 } as Anthropic.MessageCreateParamsNonStreaming;
    const error = await rejection(client().messages.create(withTemperature));
    assert.ok(error instanceof BadRequestError, String(error));
    assert.match(error.message, /temperature: Extra inputs are not permitted/);
  });

  it('accepts temperature under API version 2023-06-01, within its old rules', async () => {
    const legacy = (body: object) =>
      fetch(`${server.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': 'good-key', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify({ model, max_tokens: 4000, messages, ...body }),
      });
    assert.strictEqual((await legacy({ temperature: 0.2 })).status, 200);
    const hot = await legacy({ temperature: 0.5, thinking: { type: 'enabled', budget_tokens: 2000 } });
    assert.strictEqual(hot.status, 400);
    assert.match(JSON.stringify(await hot.json()), /temperature. may only be set to 1 when thinking is enabled/);
    assert.strictEqual((await legacy({ temperature: 1.5 })).status, 400);
  });

  it('does not consume a queued scenario on a rejected request', async () => {
    server.enqueue({ kind: 'reply', text: 'kept for later' });
    await rejection(client(0, 'wrong-key').messages.create({ model, max_tokens: 100, messages }));
    assert.strictEqual(server.pending(), 1);
    const message = await client().messages.create({ model, max_tokens: 100, messages });
    assert.strictEqual(message.content[0].type === 'text' && message.content[0].text, 'kept for later');
  });

  it('translates streamed faults for stream: false', async () => {
    server.enqueue({ kind: 'streamError' }, { kind: 'drop' });
    assert.ok((await rejection(client().messages.create({ model, max_tokens: 100, messages }))) instanceof OverloadedError);
    assert.ok((await rejection(client().messages.create({ model, max_tokens: 100, messages }))) instanceof APIConnectionError);
  });
});
