import * as assert from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { classifyApiError, parseRetryAfter } from '../../src/core/apiErrors';
import { NoApiKeyError, SecretStorageError } from '../../src/core/keyErrors';

const canary = `sk-ant-api03-${'Zq9'.repeat(31)}AA`;

/** An SDK error exactly as the SDK builds it from a response. */
function httpError(status: number, type: string | undefined, message = 'something happened', headers: Record<string, string> = {}): APIError {
  const body = type ? { type: 'error', error: { type, message }, request_id: 'req_011' } : undefined;
  return APIError.generate(status, body, undefined, new Headers({ 'request-id': 'req_011', ...headers }));
}

describe('classifyApiError: HTTP statuses', () => {
  const cases: [status: number, type: string, kind: string, retryable: boolean, action?: string][] = [
    [400, 'invalid_request_error', 'invalidRequest', false],
    [401, 'authentication_error', 'authentication', false, 'setApiKey'],
    [402, 'billing_error', 'billing', false, 'openUrl'],
    [403, 'permission_error', 'permission', false, 'switchProfile'],
    [404, 'not_found_error', 'notFound', false],
    [413, 'request_too_large', 'requestTooLarge', false],
    [429, 'rate_limit_error', 'rateLimit', true],
    [500, 'api_error', 'server', true],
    [504, 'timeout_error', 'timeout', true],
    [529, 'overloaded_error', 'overloaded', true],
  ];
  for (const [status, type, kind, retryable, action] of cases) {
    it(`${status} ${type} -> ${kind}${retryable ? ', retryable' : ''}${action ? `, offers ${action}` : ''}`, () => {
      const info = classifyApiError(httpError(status, type));
      assert.strictEqual(info.kind, kind);
      assert.strictEqual(info.status, status);
      assert.strictEqual(info.errorType, type);
      assert.strictEqual(info.retryable, retryable);
      assert.strictEqual(info.action?.kind, action);
      assert.strictEqual(info.requestId, 'req_011');
      assert.strictEqual(info.detail, 'something happened');
      assert.ok(info.message.includes(String(status)), info.message);
    });
  }

  it('401 names the fix and offers "Set API Key"', () => {
    const info = classifyApiError(httpError(401, 'authentication_error', 'invalid x-api-key'));
    assert.deepStrictEqual(info.action, { kind: 'setApiKey', label: 'Set API Key' });
    assert.match(info.message, /key was rejected/);
  });

  it('422 is an invalid request, 409 and 408 are retryable, an unknown 418 is not', () => {
    assert.strictEqual(classifyApiError(httpError(422, 'invalid_request_error')).kind, 'invalidRequest');
    assert.strictEqual(classifyApiError(httpError(409, undefined)).retryable, true);
    const timeout = classifyApiError(httpError(408, undefined));
    assert.strictEqual(timeout.kind, 'timeout');
    assert.strictEqual(timeout.retryable, true);
    const teapot = classifyApiError(httpError(418, undefined));
    assert.strictEqual(teapot.kind, 'unknown');
    assert.strictEqual(teapot.retryable, false);
  });

  it('a 5xx without a body (e.g. 502 from a gateway) is a retryable server error', () => {
    const info = classifyApiError(httpError(502, undefined));
    assert.strictEqual(info.kind, 'server');
    assert.strictEqual(info.retryable, true);
  });

  it('a bare 404 (no Anthropic error body) means the base URL is wrong', () => {
    const info = classifyApiError(httpError(404, undefined), { baseUrl: 'http://127.0.0.1:9/v1' });
    assert.strictEqual(info.kind, 'baseUrl');
    assert.strictEqual(info.action?.kind, 'openSettings');
    assert.match(info.message, /http:\/\/127\.0\.0\.1:9 has no Claude API/);
  });

  it('a 404 from a route every server has (GET /v1/models) means the base URL is wrong, even with an API-shaped body', () => {
    const error = httpError(404, 'not_found_error', 'Not Found');
    assert.strictEqual(classifyApiError(error).kind, 'notFound');
    assert.strictEqual(classifyApiError(error, { routeAlwaysExists: true }).kind, 'baseUrl');
  });

  it('reads retry-after seconds, retry-after-ms and HTTP dates', () => {
    assert.strictEqual(classifyApiError(httpError(429, 'rate_limit_error', 'slow down', { 'retry-after': '17' })).retryAfterSeconds, 17);
    assert.match(classifyApiError(httpError(429, 'rate_limit_error', 'x', { 'retry-after': '17' })).message, /Try again in 17 s/);
    assert.strictEqual(classifyApiError(httpError(529, 'overloaded_error', 'x', { 'retry-after-ms': '2500', 'retry-after': '9' })).retryAfterSeconds, 2.5);
    const now = Date.parse('2026-11-22T10:00:00Z');
    const headers = new Headers({ 'retry-after': 'Sun, 22 Nov 2026 10:01:00 GMT' });
    assert.strictEqual(parseRetryAfter(headers, now), 60);
    assert.strictEqual(parseRetryAfter(new Headers({ 'retry-after': 'soon' })), undefined);
    assert.strictEqual(parseRetryAfter(new Headers()), undefined);
  });

  it('x-should-retry overrides the status rule', () => {
    assert.strictEqual(classifyApiError(httpError(400, 'invalid_request_error', 'x', { 'x-should-retry': 'true' })).retryable, true);
    assert.strictEqual(classifyApiError(httpError(500, 'api_error', 'x', { 'x-should-retry': 'false' })).retryable, false);
  });

  it('never repeats a key that the server echoed in its message', () => {
    const info = classifyApiError(httpError(401, 'authentication_error', `invalid key ${canary}`));
    assert.ok(!info.message.includes(canary) && !info.detail?.includes(canary), info.message);
    assert.ok(info.message.includes('sk-ant-api03-…'), info.message);
  });
});

describe('classifyApiError: stored keys of any shape', () => {
  it('masks a gateway key that the gateway echoes, given the stored keys', () => {
    const gatewayKey = 'gw_live_4f9c2a7e8b1d3f6a0c5e9b2d7a4f1c8e';
    const info = classifyApiError(httpError(401, 'authentication_error', `bad key ${gatewayKey}`), { knownSecrets: [gatewayKey] });
    assert.ok(!`${info.message} ${info.detail}`.includes(gatewayKey), info.message);
    assert.ok(info.detail?.includes('…1c8e'), info.detail);
  });
});

describe('classifyApiError: mid-stream, network, timeout, abort, our own errors', () => {
  it('a mid-stream `event: error` is classified by its error.type and marked midStream', () => {
    const body = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
    const info = classifyApiError(new APIError(undefined, body, undefined, new Headers(), 'overloaded_error'));
    assert.strictEqual(info.kind, 'overloaded');
    assert.strictEqual(info.status, undefined);
    assert.strictEqual(info.midStream, true);
    assert.strictEqual(info.retryable, true);
    assert.match(info.message, /mid-stream/);
  });

  it('connection refused on a closed port (real SDK call) names the server and offers the base URL setting', async () => {
    const port = await closedPort();
    const client = new Anthropic({ apiKey: canary, baseURL: `http://127.0.0.1:${port}`, maxRetries: 0 });
    const error = await client.models.list().then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof APIConnectionError, String(error));
    const info = classifyApiError(error, { baseUrl: `http://127.0.0.1:${port}` });
    assert.strictEqual(info.kind, 'network');
    assert.strictEqual(info.retryable, true);
    assert.match(info.message, new RegExp(`127\\.0\\.0\\.1:${port}: connection refused`));
    assert.strictEqual(info.action?.kind, 'openSettings');
  });

  it('DNS failure and TLS failure are told apart by the cause code', () => {
    const dns = new APIConnectionError({ cause: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }) });
    assert.match(classifyApiError(dns).message, /not found \(DNS\)/);
    const tls = new APIConnectionError({ cause: Object.assign(new TypeError('fetch failed'), { cause: { code: 'SELF_SIGNED_CERT_IN_CHAIN' } }) });
    const info = classifyApiError(tls);
    assert.match(info.message, /certificate/);
    assert.strictEqual(info.retryable, false);
  });

  it('a server that never answers times out (real SDK call) as a retryable timeout', async () => {
    const sockets = new Set<Socket>();
    const server = http.createServer(() => undefined);
    server.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = new Anthropic({ apiKey: canary, baseURL: `http://127.0.0.1:${port}`, maxRetries: 0, timeout: 200 });
      const error = await client.models.list().then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof APIConnectionTimeoutError, String(error));
      const info = classifyApiError(error);
      assert.strictEqual(info.kind, 'timeout');
      assert.strictEqual(info.retryable, true);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a user abort is not an error worth retrying', () => {
    const info = classifyApiError(new APIUserAbortError());
    assert.strictEqual(info.kind, 'aborted');
    assert.strictEqual(info.retryable, false);
    assert.strictEqual(classifyApiError(Object.assign(new Error('aborted'), { name: 'AbortError' })).kind, 'aborted');
  });

  it('an invalid base URL and a non-JSON reply point at the base URL setting', () => {
    const invalid = classifyApiError(Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' }), { baseUrl: 'not a url' });
    assert.strictEqual(invalid.kind, 'baseUrl');
    assert.strictEqual(invalid.action?.kind, 'openSettings');
    const html = classifyApiError(new SyntaxError('Unexpected token < in JSON'));
    assert.strictEqual(html.kind, 'badResponse');
  });

  it('no key offers "Set API Key"; a SecretStorage failure keeps its own message', () => {
    const noKey = classifyApiError(new NoApiKeyError());
    assert.strictEqual(noKey.kind, 'noApiKey');
    assert.strictEqual(noKey.action?.kind, 'setApiKey');
    const storage = classifyApiError(new SecretStorageError('keyring is locked'));
    assert.strictEqual(storage.kind, 'secretStorage');
    assert.strictEqual(storage.message, 'keyring is locked');
  });

  describe('failures the SDK\'s MessageStream wraps in a bare AnthropicError', () => {
    const wrapped = (cause: unknown) => Object.assign(new Error('wrapped', { cause }), { name: 'AnthropicError' });

    it('a broken event line classifies as a reply that is not JSON', () => {
      assert.strictEqual(classifyApiError(wrapped(new SyntaxError('Unexpected token } in JSON'))).kind, 'badResponse');
    });

    it('a body that stopped mid-reply is a dropped connection, named by the socket code', () => {
      const socket = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
      const info = classifyApiError(wrapped(new TypeError('terminated', { cause: socket })));
      assert.strictEqual(info.kind, 'network');
      assert.strictEqual(info.retryable, true);
      assert.match(info.message, /dropped \(UND_ERR_SOCKET\)/);
    });

    it('a wrapper with no cause stays unexpected', () => {
      assert.strictEqual(classifyApiError(Object.assign(new Error('x'), { name: 'AnthropicError' })).kind, 'unknown');
    });
  });

  it('anything else is unknown, not retryable, and scrubbed', () => {
    const info = classifyApiError(new Error(`boom ${canary}`));
    assert.strictEqual(info.kind, 'unknown');
    assert.ok(!info.message.includes(canary));
    assert.strictEqual(classifyApiError('plain string').kind, 'unknown');
    assert.strictEqual(classifyApiError(undefined).kind, 'unknown');
  });
});

async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
