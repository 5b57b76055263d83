import { NoApiKeyError, SecretStorageError } from './keyErrors';
import { baseUrlForDisplay, defaultBaseUrl } from './baseUrl';
import { scrubKeys } from './scrubKeys';

/**
 * One classification of everything a Claude API call can throw (SDK `APIError` subclasses, mid-stream
 * `event: error`, connection failures, timeouts, aborts, our own key errors), so every feature shows
 * the same message, retries the same way and offers the same fix. Recognises SDK errors by shape and
 * by their `name` (kept through minification), so this file does not import the SDK.
 */

/** Every kind of failure the classification knows. */
export const apiErrorKinds = [
  'noApiKey',
  'secretStorage',
  'invalidRequest',
  'authentication',
  'billing',
  'permission',
  'notFound',
  'baseUrl',
  'requestTooLarge',
  'rateLimit',
  'overloaded',
  'server',
  'timeout',
  'network',
  'badResponse',
  'aborted',
  'unknown',
] as const;

export type ApiErrorKind = (typeof apiErrorKinds)[number];

/** The one fix a notification offers as a button. */
export type ApiErrorAction =
  | { kind: 'setApiKey'; label: string }
  | { kind: 'switchProfile'; label: string }
  | { kind: 'openSettings'; label: string; /** Setting id to focus, e.g. `claudeApi.baseUrl`. */ setting: string }
  | { kind: 'openUrl'; label: string; url: string };

export interface ApiErrorInfo {
  kind: ApiErrorKind;
  /** HTTP status; undefined for network errors and for errors sent mid-stream (`event: error`). */
  status?: number;
  /** `error.type` from the API's error body, e.g. `rate_limit_error`. */
  errorType?: string;
  /** One or two sentences for the user: what happened and what to do. Never contains a key. */
  message: string;
  /** The server's own explanation (scrubbed), when it gave one; for logs and details. */
  detail?: string;
  /** Whether sending the same request again later can succeed. */
  retryable: boolean;
  /** Seconds the server asked us to wait (`retry-after-ms` / `retry-after`), when it said. */
  retryAfterSeconds?: number;
  /** `request-id` header: what Anthropic support asks for. */
  requestId?: string;
  /** True when the error arrived inside a streaming reply after it had started. */
  midStream?: boolean;
  action?: ApiErrorAction;
}

export interface ClassifyContext {
  /** The configured base URL (`claudeApi.baseUrl`), to name the server in messages. Empty: the default. */
  baseUrl?: string;
  /** Clock for `retry-after` given as an HTTP date. */
  now?: number;
  /**
   * The request went to a route every Claude API server has (`GET /v1/models`), so a 404 can only mean
   * the base URL points at the wrong place (e.g. ends in `/v1`), whatever the body says.
   */
  routeAlwaysExists?: boolean;
  /** The stored keys: masked in any server text we repeat, whatever their shape (a gateway's own key). */
  knownSecrets?: readonly string[];
}

export const setApiKeyAction: ApiErrorAction = { kind: 'setApiKey', label: 'Set API Key' };
const baseUrlAction: ApiErrorAction = { kind: 'openSettings', label: 'Check Base URL', setting: 'claudeApi.baseUrl' };
const proxyAction: ApiErrorAction = { kind: 'openSettings', label: 'Proxy Settings', setting: 'http.proxy' };

const typeKinds: Record<string, ApiErrorKind> = {
  invalid_request_error: 'invalidRequest',
  authentication_error: 'authentication',
  billing_error: 'billing',
  permission_error: 'permission',
  not_found_error: 'notFound',
  request_too_large: 'requestTooLarge',
  rate_limit_error: 'rateLimit',
  api_error: 'server',
  timeout_error: 'timeout',
  overloaded_error: 'overloaded',
};

/** Duck type of the SDK's `APIError` (status, headers, parsed body, request id). */
interface ApiErrorShape {
  name?: unknown;
  message?: unknown;
  status?: unknown;
  headers?: unknown;
  error?: unknown;
  requestID?: unknown;
  cause?: unknown;
  code?: unknown;
}

export function classifyApiError(error: unknown, context: ClassifyContext = {}): ApiErrorInfo {
  error = unwrapStreamFailure(error);
  const server = serverName(context.baseUrl);
  const secrets = context.knownSecrets ?? [];
  if (error instanceof NoApiKeyError || nameOf(error) === 'NoApiKeyError') {
    return { kind: 'noApiKey', message: messageOf(error), retryable: false, action: setApiKeyAction };
  }
  if (error instanceof SecretStorageError || nameOf(error) === 'SecretStorageError') {
    return { kind: 'secretStorage', message: messageOf(error), retryable: false };
  }
  const name = nameOf(error);
  if (name === 'APIUserAbortError' || name === 'AbortError') {
    return { kind: 'aborted', message: 'The request was cancelled.', retryable: false };
  }
  if (name === 'APIConnectionTimeoutError') {
    return {
      kind: 'timeout',
      message: `${server} did not answer within the request timeout (setting claudeApi.requestTimeoutSeconds).`,
      retryable: true,
      action: { kind: 'openSettings', label: 'Timeout Setting', setting: 'claudeApi.requestTimeoutSeconds' },
    };
  }
  if (name === 'APIConnectionError') return classifyConnectionError(error, server);
  if (isInvalidUrl(error)) {
    return {
      kind: 'baseUrl',
      message: `The base URL "${scrubKeys(baseUrlForDisplay(context.baseUrl ?? ''), secrets)}" is not a valid URL. Fix the setting claudeApi.baseUrl (e.g. https://api.anthropic.com).`,
      retryable: false,
      action: baseUrlAction,
    };
  }
  if (name === 'SyntaxError') {
    return {
      kind: 'badResponse',
      message: `${server} sent a reply that is not valid JSON. If claudeApi.baseUrl points at a proxy or gateway, check that it speaks the Claude API.`,
      detail: truncate(scrubKeys(messageOf(error), secrets)),
      retryable: false,
      action: baseUrlAction,
    };
  }
  if (isApiErrorShape(error)) return classifyHttpError(error, server, context.now ?? Date.now(), context.routeAlwaysExists === true, secrets);
  return { kind: 'unknown', message: `Unexpected error: ${truncate(scrubKeys(messageOf(error), secrets))}`, retryable: false };
}

function classifyHttpError(error: ApiErrorShape, server: string, now: number, routeAlwaysExists: boolean, secrets: readonly string[]): ApiErrorInfo {
  const status = typeof error.status === 'number' ? error.status : undefined;
  const body = bodyError(error.error);
  const errorType = body.type;
  const detail = body.message ? truncate(scrubKeys(body.message, secrets)) : undefined;
  const headers = asHeaders(error.headers);
  const requestId = (typeof error.requestID === 'string' && error.requestID) || headers?.get('request-id') || undefined;
  const retryAfterSeconds = headers ? parseRetryAfter(headers, now) : undefined;
  const midStream = status === undefined;
  const kind = (errorType && typeKinds[errorType]) || kindFromStatus(status);
  const said = detail ? `: ${detail}${/[.!?]$/.test(detail) ? '' : '.'}` : '.';
  const code = status !== undefined ? `${status}${errorType ? ` ${errorType}` : ''}` : (errorType ?? 'error');
  const info = (message: string, retryable: boolean, action?: ApiErrorAction): ApiErrorInfo => ({
    kind,
    status,
    errorType,
    message: midStream ? `The reply stopped mid-stream. ${message}` : message,
    detail,
    retryable: shouldRetryHeader(headers) ?? retryable,
    retryAfterSeconds,
    requestId,
    ...(midStream ? { midStream } : {}),
    ...(action ? { action } : {}),
  });
  const wait = retryAfterSeconds !== undefined ? ` Try again in ${formatSeconds(retryAfterSeconds)}.` : ' Try again shortly.';
  switch (kind) {
    case 'authentication':
      return info(`The API key was rejected (${code})${said} Set a valid key for the active profile.`, false, setApiKeyAction);
    case 'billing':
      return info(`The account cannot be billed (${code})${said} Check your plan and credit balance in the Anthropic Console.`, false, {
        kind: 'openUrl',
        label: 'Open Billing',
        url: 'https://console.anthropic.com/settings/billing',
      });
    case 'permission':
      return info(
        `This key is not allowed to do that (${code})${said} Its workspace may lack access to this model or feature; use another key profile.`,
        false,
        { kind: 'switchProfile', label: 'Switch Key Profile' },
      );
    case 'notFound':
      // The API answers unknown models with an Anthropic-shaped body; anything else is the wrong server.
      if ((!errorType || routeAlwaysExists) && !midStream) {
        return {
          ...info(`${server} has no Claude API at this address (${status}). Check claudeApi.baseUrl: it should be the server root, e.g. https://api.anthropic.com, without /v1.`, false, baseUrlAction),
          kind: 'baseUrl',
        };
      }
      return info(`Not found (${code})${said} Check the model name.`, false);
    case 'requestTooLarge':
      return info(`The request is too large (${code})${said} Shorten the conversation or attachments.`, false);
    case 'rateLimit':
      return info(`Rate limited (${code})${said}${wait}`, true);
    case 'overloaded':
      return info(`The API is overloaded (${code}).${wait}`, true);
    case 'server':
      return info(`The API had an internal error (${code})${said}${wait}`, true);
    case 'timeout':
      return info(`The request timed out on the server (${code}).${wait}`, true);
    case 'invalidRequest':
      return info(`The API rejected the request (${code})${said}`, status === 409);
    default:
      return info(`Unexpected answer from ${server} (${code})${said}`, status !== undefined && (status === 408 || status === 409 || status >= 500));
  }
}

function kindFromStatus(status: number | undefined): ApiErrorKind {
  if (status === undefined) return 'unknown';
  if (status === 400 || status === 422 || status === 409) return 'invalidRequest';
  if (status === 401) return 'authentication';
  if (status === 402) return 'billing';
  if (status === 403) return 'permission';
  if (status === 404) return 'notFound';
  if (status === 413) return 'requestTooLarge';
  if (status === 429) return 'rateLimit';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 529) return 'overloaded';
  if (status >= 500) return 'server';
  return 'unknown';
}

function classifyConnectionError(error: unknown, server: string): ApiErrorInfo {
  const code = causeCode(error);
  const base = { kind: 'network' as const, retryable: true };
  if (code === 'ECONNREFUSED') {
    return { ...base, message: `Could not connect to ${server}: connection refused. Is claudeApi.baseUrl right, and is the server running?`, action: baseUrlAction };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { ...base, message: `The host of ${server} was not found (DNS). Check claudeApi.baseUrl and your network connection.`, action: baseUrlAction };
  }
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return {
      ...base,
      retryable: false,
      message: `The TLS certificate of ${server} was not accepted (${code}). Behind a corporate proxy, check http.proxy and http.proxyStrictSSL.`,
      action: proxyAction,
    };
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return { ...base, message: `The connection to ${server} was dropped (${code}). Try again; if it keeps happening, check your proxy.` };
  }
  return {
    ...base,
    message: `Could not reach ${server}${code ? ` (${code})` : ''}. Check your network connection and proxy settings (http.proxy).`,
    action: proxyAction,
  };
}

/** Walks `cause` links (SDK error -> fetch TypeError -> system error) for a Node/undici error code. */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const { code, cause, errors } = current as ApiErrorShape & { errors?: unknown };
    if (typeof code === 'string' && code) return code;
    // Happy-eyeballs connects fail with an AggregateError of one error per address.
    if (Array.isArray(errors) && errors.length > 0) current = errors[0];
    else current = cause;
  }
  return undefined;
}

/**
 * Seconds to wait, from `retry-after-ms`, then `retry-after` (seconds or HTTP date), as the SDK reads
 * them. Undefined when absent or unusable.
 */
export function parseRetryAfter(headers: { get(name: string): string | null }, now = Date.now()): number | undefined {
  const millis = parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return millis / 1000;
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds : undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function shouldRetryHeader(headers: { get(name: string): string | null } | undefined): boolean | undefined {
  const value = headers?.get('x-should-retry');
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

function isApiErrorShape(error: unknown): error is ApiErrorShape {
  if (!error || typeof error !== 'object') return false;
  const shape = error as ApiErrorShape;
  return typeof shape.status === 'number' || (shape.name === 'APIError' && 'error' in shape) || asHeaders(shape.headers) !== undefined;
}

function isInvalidUrl(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  return (error as ApiErrorShape).code === 'ERR_INVALID_URL' || (nameOf(error) === 'TypeError' && /invalid url/i.test(messageOf(error)));
}

function bodyError(body: unknown): { type?: string; message?: string } {
  if (!body || typeof body !== 'object') return {};
  // The SDK stores the whole body ({type:'error', error:{...}}); some gateways send only the inner object.
  const inner = (body as { error?: unknown }).error;
  const source = inner && typeof inner === 'object' ? inner : body;
  const { type, message } = source as { type?: unknown; message?: unknown };
  return {
    type: typeof type === 'string' && type !== 'error' ? type : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}

function asHeaders(value: unknown): { get(name: string): string | null } | undefined {
  if (value && typeof value === 'object' && typeof (value as { get?: unknown }).get === 'function') {
    return value as { get(name: string): string | null };
  }
  return undefined;
}

function nameOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { name } = error as { name?: unknown };
  return typeof name === 'string' ? name : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}

/** The server as people know it: `https://api.anthropic.com`, or the configured gateway's origin. */
function serverName(baseUrl: string | undefined): string {
  const url = baseUrl?.trim() || defaultBaseUrl;
  try {
    return new URL(url).origin;
  } catch {
    return 'the configured server';
  }
}

function formatSeconds(seconds: number): string {
  if (seconds < 1) return 'a moment';
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  return `${Math.ceil(seconds / 60)} min`;
}

function truncate(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The SDK's MessageStream wraps failures that are not its own (a broken SSE line, a socket that died
 * mid-reply) in a bare `AnthropicError` whose `cause` is the real error, which would otherwise classify
 * as "unexpected". A fetch body that stops with `TypeError: terminated` is a dropped connection, so it
 * is presented as the SDK's connection error.
 */
function unwrapStreamFailure(error: unknown): unknown {
  if (!(error instanceof Error) || error.name !== 'AnthropicError' || error.cause === undefined) return error;
  const cause = error.cause;
  if (cause instanceof TypeError && /terminated|other side closed|socket/i.test(cause.message)) {
    const connection = new Error(`Connection error: ${cause.message}`, { cause });
    connection.name = 'APIConnectionError';
    return connection;
  }
  return cause;
}
