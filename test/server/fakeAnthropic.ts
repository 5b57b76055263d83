// A loopback fake of the Anthropic Messages API for tests: POST /v1/messages (SSE or JSON),
// POST /v1/messages/count_tokens, GET /v1/models[/id], with scripted faults. Plain node:http and no
// dependencies, so it runs under tsx in Node and bundled into the integration suites inside the
// extension host. Point the extension at it with the `claudeApi.baseUrl` setting (or the SDK with
// `baseURL: server.url`).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiErrorBody, errorTypeForStatus } from './apiErrorBody';
import { defaultModels, findModel, InvalidQueryError, pageModels } from './modelCatalog';
import type { FakeModelInfo } from './modelCatalog';
import { promptTokens } from './promptTokens';
import { rateLimitHeaders } from './rateLimitHeaders';
import { faultIndex, formatSse, replyEvents, replyMessage, resolveReply } from './replyEvents';
import type { PlannedEvent, ResolvedReply } from './replyEvents';
import { invalidRequestReason } from './requestValidation';
import { scenarioEndpoint } from './scenarios';
import type { FakeEndpoint, HttpErrorScenario, ReplyKnobs, Scenario } from './scenarios';
import { largeMarkdown } from './largeMarkdown';
import { analyticsBeta, analyticsPage, InvalidAnalyticsQuery } from './organizationAnalytics';
import type { FakeAnalytics } from './organizationAnalytics';

export type { FakeEndpoint, ReplyKnobs, Scenario } from './scenarios';
export type { FakeAnalytics } from './organizationAnalytics';

export interface FakeAnthropicOptions {
  /** Keys the server accepts. Omitted: any non-empty key is accepted (a missing key still gets 401). */
  validKeys?: string[];
  /** Port on 127.0.0.1. Default 0 (any free port). */
  port?: number;
  /** Models served by GET /v1/models, newest first. Default: a catalogue of current Claude models. */
  models?: readonly FakeModelInfo[];
  /** Knobs of the reply given when the messages queue is empty (e.g. `{ delayMs: 20 }` for a slow default). */
  defaultReply?: ReplyKnobs;
  /**
   * Admin API keys: when given, only these read the organisation's usage and cost reports (others get 403),
   * and they are accepted besides `validKeys`.
   */
  adminKeys?: string[];
}

/** What the client sent, as the server saw it. Key values never appear here. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/messages`. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names; `authorization` and `x-api-key` values are replaced by `<redacted>`. */
  headers: Record<string, string>;
  /** The parsed JSON body, the raw text if it was not JSON, or undefined when empty. */
  body: unknown;
  /** Which header carried the key. */
  auth: 'bearer' | 'x-api-key' | 'none';
  /** Whether the key was accepted; `validKeyIndex` says which of `validKeys` it was (-1 when none or not configured). */
  keyAccepted: boolean;
  validKeyIndex: number;
  /** HTTP status answered (undefined if the connection was reset before any response). */
  status: number | undefined;
  /** Kind of the queued scenario this request consumed, or undefined for a default answer. */
  scenario: Scenario['kind'] | undefined;
  /** True when the client closed the connection before the response ended (Stop, timeout). */
  clientAborted: boolean;
}

export interface FakeAnthropic {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Every request received, in arrival order (also unauthenticated and invalid ones). */
  readonly requests: RecordedRequest[];
  /** Queues scenarios; each request to a scenario's endpoint (default messages) consumes the next one. */
  enqueue(...scenarios: Scenario[]): void;
  /** Scenarios still queued for an endpoint (default messages). */
  pending(endpoint?: FakeEndpoint): number;
  /** Resolves once at least `count` requests (optionally only those to `path`) have arrived. */
  waitForRequests(count: number, options?: { path?: string; timeoutMs?: number }): Promise<RecordedRequest[]>;
  /** Sets what the Admin API's usage and cost reports return (`/v1/organizations/analytics/usage`, `/cost`). */
  setAnalytics(analytics: FakeAnalytics): void;
  /** Forgets queued scenarios and recorded requests. */
  reset(): void;
  /** Closes the server and every open connection (stalled streams included). */
  close(): Promise<void>;
}

/** Largest request body accepted before answering 413, as the API does for oversized requests. */
const maxBodyBytes = 32 * 1024 * 1024;

interface ServerState {
  options: FakeAnthropicOptions;
  models: readonly FakeModelInfo[];
  queues: Map<FakeEndpoint, Scenario[]>;
  requests: RecordedRequest[];
  waiters: Set<() => void>;
  serial: number;
  used: { requests: number; inputTokens: number; outputTokens: number };
  analytics: FakeAnalytics;
}

/** One request in flight: its response and the record tests will see. */
interface Exchange {
  state: ServerState;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  record: RecordedRequest;
  requestId: string;
  /** Set when the server itself destroys the socket (a scripted drop), so it is not counted as a client abort. */
  droppedByServer: boolean;
}

export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const state: ServerState = {
    options,
    models: options.models ?? defaultModels,
    queues: new Map(),
    requests: [],
    waiters: new Set(),
    serial: 0,
    used: { requests: 0, inputTokens: 0, outputTokens: 0 },
    analytics: { usage: [], cost: [] },
  };
  const server = http.createServer((req, res) => {
    void handle(state, req, res).catch((error: unknown) => {
      // A bug in the fake must show up in the test, not hang it: answer 500 with the reason.
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify(apiErrorBody('api_error', `fake server failure: ${String(error)}`, 'req_fake_failure')));
      } else {
        res.destroy();
      }
    });
  });
  // Keep-alive sockets would otherwise hold `close()` open until they time out.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests: state.requests,
    enqueue(...scenarios) {
      for (const scenario of scenarios) {
        const endpoint = scenarioEndpoint(scenario);
        const queue = state.queues.get(endpoint) ?? [];
        queue.push(scenario);
        state.queues.set(endpoint, queue);
      }
    },
    pending(endpoint = 'messages') {
      return state.queues.get(endpoint)?.length ?? 0;
    },
    waitForRequests(count, { path, timeoutMs = 10_000 } = {}) {
      const matching = () => state.requests.filter((request) => path === undefined || request.path === path);
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = matching();
          if (found.length < count) return;
          state.waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          state.waiters.delete(check);
          reject(new Error(`fake Anthropic API: ${matching().length} of ${count} requests${path ? ` to ${path}` : ''} after ${timeoutMs} ms`));
        }, timeoutMs);
        state.waiters.add(check);
        check();
      });
    },
    setAnalytics(analytics) {
      state.analytics = analytics;
    },
    reset() {
      state.queues.clear();
      state.requests.length = 0;
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function handle(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const rawBody = await readBody(req);
  const auth = authOf(state, req);
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: redactedHeaders(req.headers),
    body: parseBody(rawBody),
    ...auth,
    status: undefined,
    scenario: undefined,
    clientAborted: false,
  };
  state.requests.push(record);
  for (const waiter of [...state.waiters]) waiter();

  state.serial++;
  const exchange: Exchange = { state, req, res, record, requestId: `req_fake${String(state.serial).padStart(16, '0')}`, droppedByServer: false };
  res.on('close', () => {
    if (!res.writableFinished && !exchange.droppedByServer) record.clientAborted = true;
  });

  const endpoint = routeOf(record.method, url.pathname);
  if (!endpoint) return sendError(exchange, 404, 'not_found_error', `${record.method} ${url.pathname} not found`);
  if (rawBody === undefined) return sendError(exchange, 413, 'request_too_large', undefined);
  if (record.auth === 'none') return sendError(exchange, 401, 'authentication_error', 'x-api-key header is required');
  if (!record.keyAccepted) return sendError(exchange, 401, 'authentication_error', 'invalid x-api-key');
  const version = req.headers['anthropic-version'];
  if (typeof version !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(version)) {
    return sendError(exchange, 400, 'invalid_request_error', 'anthropic-version: header is required');
  }

  if (endpoint === 'models') return answerModels(exchange, url);
  if (endpoint === 'analyticsUsage' || endpoint === 'analyticsCost') return answerAnalytics(exchange, url, endpoint);

  if (typeof record.body !== 'object' || record.body === null) {
    return sendError(exchange, 400, 'invalid_request_error', 'There was an issue with the request body: it is not valid JSON.');
  }
  const body = record.body as Record<string, unknown>;
  const invalid = invalidRequestReason(body, endpoint === 'messages', version);
  if (invalid) return sendError(exchange, 400, 'invalid_request_error', invalid);
  const model = body.model as string;
  if (!findModel(state.models, model) && !model.startsWith('claude-')) {
    return sendError(exchange, 404, 'not_found_error', `model: ${model}`);
  }

  const scenario = state.queues.get(endpoint)?.shift();
  record.scenario = scenario?.kind;
  if (scenario?.kind === 'httpError') return answerHttpError(exchange, scenario);
  if (scenario?.kind === 'reset') return dropConnection(exchange);

  const inputTokens = promptTokens(body);
  state.used.inputTokens += inputTokens;
  if (endpoint === 'countTokens') return sendJson(exchange, 200, { input_tokens: inputTokens });
  return answerMessages(exchange, body, scenario ?? { ...state.options.defaultReply, kind: 'reply' });
}

/** Which endpoint a request is for, or undefined for a route the API does not have. */
function routeOf(method: string, path: string): FakeEndpoint | undefined {
  if (method === 'POST' && path === '/v1/messages') return 'messages';
  if (method === 'POST' && path === '/v1/messages/count_tokens') return 'countTokens';
  if (method === 'GET' && /^\/v1\/models(\/[^/]+)?$/.test(path)) return 'models';
  if (method === 'GET' && path === '/v1/organizations/analytics/usage') return 'analyticsUsage';
  if (method === 'GET' && path === '/v1/organizations/analytics/cost') return 'analyticsCost';
  return undefined;
}

/** The body as text, or undefined when it is larger than the API accepts. */
async function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBodyBytes) parts.push(chunk);
  }
  return size > maxBodyBytes ? undefined : Buffer.concat(parts).toString('utf8');
}

function parseBody(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** The key a request presents (`x-api-key` wins over `Authorization: Bearer`, as the API reads them). */
function presentedKey(req: http.IncomingMessage): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  const apiKeyHeader = req.headers['x-api-key'];
  const apiKey = typeof apiKeyHeader === 'string' ? apiKeyHeader.trim() : undefined;
  return apiKey || bearer || undefined;
}

function authOf(state: ServerState, req: http.IncomingMessage): Pick<RecordedRequest, 'auth' | 'keyAccepted' | 'validKeyIndex'> {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  const apiKeyHeader = req.headers['x-api-key'];
  const apiKey = typeof apiKeyHeader === 'string' ? apiKeyHeader.trim() : undefined;
  const key = presentedKey(req);
  const auth = apiKey ? 'x-api-key' : bearer ? 'bearer' : 'none';
  if (!key) return { auth, keyAccepted: false, validKeyIndex: -1 };
  const validKeys = state.options.validKeys;
  if (!validKeys) return { auth, keyAccepted: true, validKeyIndex: -1 };
  const validKeyIndex = validKeys.indexOf(key);
  return { auth, keyAccepted: validKeyIndex >= 0 || (state.options.adminKeys?.includes(key) ?? false), validKeyIndex };
}

function redactedHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name] = name === 'authorization' || name === 'x-api-key' ? '<redacted>' : Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

/** Headers on every answer: request id and rate limits. */
function commonHeaders(exchange: Exchange): Record<string, string> {
  const { used } = exchange.state;
  used.requests++;
  return {
    'request-id': exchange.requestId,
    ...rateLimitHeaders(used, new Date()),
  };
}

function sendJson(exchange: Exchange, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  exchange.record.status = status;
  exchange.res.writeHead(status, { ...commonHeaders(exchange), 'content-type': 'application/json', ...extraHeaders });
  exchange.res.end(JSON.stringify(body));
}

function sendError(exchange: Exchange, status: number, errorType: string, message: string | undefined, headers: Record<string, string> = {}): void {
  sendJson(exchange, status, apiErrorBody(errorType, message, exchange.requestId), headers);
}

function answerHttpError(exchange: Exchange, scenario: HttpErrorScenario): void {
  const headers: Record<string, string> = { ...scenario.headers };
  if (scenario.retryAfterSeconds !== undefined) headers['retry-after'] = String(scenario.retryAfterSeconds);
  if (scenario.retryAfterMs !== undefined) headers['retry-after-ms'] = String(scenario.retryAfterMs);
  sendError(exchange, scenario.status, scenario.errorType ?? errorTypeForStatus(scenario.status), scenario.message, headers);
}

function answerModels(exchange: Exchange, url: URL): void {
  const scenario = exchange.state.queues.get('models')?.shift();
  exchange.record.scenario = scenario?.kind;
  if (scenario?.kind === 'httpError') return answerHttpError(exchange, scenario);
  if (scenario?.kind === 'reset') return dropConnection(exchange);
  const id = /^\/v1\/models\/([^/]+)$/.exec(url.pathname)?.[1];
  if (id !== undefined) {
    const found = findModel(exchange.state.models, decodeURIComponent(id));
    return found ? sendJson(exchange, 200, found) : sendError(exchange, 404, 'not_found_error', `model: ${id}`);
  }
  try {
    sendJson(exchange, 200, pageModels(exchange.state.models, url.searchParams));
  } catch (error) {
    if (!(error instanceof InvalidQueryError)) throw error;
    sendError(exchange, 400, 'invalid_request_error', error.message);
  }
}

function answerAnalytics(exchange: Exchange, url: URL, endpoint: 'analyticsUsage' | 'analyticsCost'): void {
  const scenario = exchange.state.queues.get(endpoint)?.shift();
  exchange.record.scenario = scenario?.kind;
  if (scenario?.kind === 'httpError') return answerHttpError(exchange, scenario);
  if (scenario?.kind === 'reset') return dropConnection(exchange);
  const adminKeys = exchange.state.options.adminKeys;
  const key = presentedKey(exchange.req);
  if (adminKeys && (!key || !adminKeys.includes(key))) {
    return sendError(exchange, 403, 'permission_error', 'This endpoint requires an Admin API key (sk-ant-admin01-...).');
  }
  const betaHeader = exchange.req.headers['anthropic-beta'];
  const betas = (Array.isArray(betaHeader) ? betaHeader.join(',') : (betaHeader ?? '')).split(',');
  if (!betas.some((beta) => beta.trim() === analyticsBeta)) {
    return sendError(exchange, 400, 'invalid_request_error', `anthropic-beta: ${analyticsBeta} is required`);
  }
  const { analytics } = exchange.state;
  try {
    sendJson(exchange, 200, endpoint === 'analyticsUsage' ? analyticsPage(analytics.usage, url.searchParams) : analyticsPage(analytics.cost, url.searchParams));
  } catch (error) {
    if (!(error instanceof InvalidAnalyticsQuery)) throw error;
    sendError(exchange, 400, 'invalid_request_error', error.message);
  }
}

/** Destroys the connection without (or part-way through) a response. */
function dropConnection(exchange: Exchange): void {
  exchange.droppedByServer = true;
  exchange.req.socket.destroy();
}

function knobsOf(scenario: Scenario): ReplyKnobs {
  if (scenario.kind === 'largeReply') return { ...scenario, text: largeMarkdown(scenario.bytes) };
  if (scenario.kind === 'httpError' || scenario.kind === 'reset') return {};
  return scenario;
}

async function answerMessages(exchange: Exchange, body: Record<string, unknown>, scenario: Scenario): Promise<void> {
  const knobs = knobsOf(scenario);
  const reply = resolveReply(body, knobs, exchange.state.serial);
  exchange.state.used.outputTokens += reply.usage.output_tokens;
  if (knobs.headersDelayMs) await sleep(knobs.headersDelayMs);
  if (exchange.res.destroyed) return;
  if (body.stream === true) return streamReply(exchange, reply, knobs, scenario);
  return answerJson(exchange, reply, knobs, scenario);
}

/** The non-streaming answer, with the streamed faults translated to what they look like without SSE. */
function answerJson(exchange: Exchange, reply: ResolvedReply, knobs: ReplyKnobs, scenario: Scenario): void {
  switch (scenario.kind) {
    case 'streamError': {
      const errorType = scenario.errorType ?? 'overloaded_error';
      return sendError(exchange, errorType === 'overloaded_error' ? 529 : 500, errorType, scenario.message);
    }
    case 'drop':
      return dropConnection(exchange);
    case 'stall':
      exchange.record.status = 200;
      exchange.res.writeHead(200, { ...commonHeaders(exchange), 'content-type': 'application/json', ...knobs.headers });
      return;
    case 'malformedEvent': {
      exchange.record.status = 200;
      exchange.res.writeHead(200, { ...commonHeaders(exchange), 'content-type': 'application/json', ...knobs.headers });
      const json = JSON.stringify(replyMessage(reply));
      exchange.res.end(json.slice(0, Math.floor(json.length / 2)));
      return;
    }
    default:
      return sendJson(exchange, 200, replyMessage(reply), knobs.headers);
  }
}

async function streamReply(exchange: Exchange, reply: ResolvedReply, knobs: ReplyKnobs, scenario: Scenario): Promise<void> {
  const { res, record } = exchange;
  const events = replyEvents(reply, knobs.pingEvery);
  const faulty = scenario.kind === 'streamError' || scenario.kind === 'drop' || scenario.kind === 'stall' || scenario.kind === 'malformedEvent';
  const lastIndex = faulty ? faultIndex(events, scenario.afterChars ?? Math.floor([...reply.text].length / 2)) : events.length - 1;

  record.status = 200;
  res.writeHead(200, {
    ...commonHeaders(exchange),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...knobs.headers,
  });
  res.flushHeaders();
  if (!(await writeEvents(res, events.slice(0, lastIndex + 1), knobs.delayMs ?? 0))) return;

  switch (scenario.kind) {
    case 'streamError':
      await pause(knobs.delayMs);
      res.end(formatSse('error', { type: 'error', error: { type: scenario.errorType ?? 'overloaded_error', message: scenario.message ?? 'Overloaded' } }));
      return;
    case 'drop':
      await pause(knobs.delayMs);
      // Let what was written reach the client first, as when a proxy cuts a live stream.
      await new Promise<void>((resolve) => res.write('', () => resolve()));
      return dropConnection(exchange);
    case 'stall':
      // Say nothing more; the client must give up (abort or timeout). `close()` ends the socket.
      return;
    case 'malformedEvent':
      await pause(knobs.delayMs);
      res.end(`event: content_block_delta\ndata: {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "unterminated\n\n`);
      return;
    default:
      res.end();
  }
}

/** Writes SSE events with `delayMs` between them, respecting backpressure. False if the client went away. */
async function writeEvents(res: http.ServerResponse, events: readonly PlannedEvent[], delayMs: number): Promise<boolean> {
  for (const [index, planned] of events.entries()) {
    if (index > 0) await pause(delayMs);
    if (res.destroyed) return false;
    if (!res.write(formatSse(planned.event, planned.data))) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  return !res.destroyed;
}

function pause(ms: number | undefined): Promise<void> | undefined {
  return ms ? sleep(ms) : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
