/** Rate-limit state from one response's `anthropic-ratelimit-*` headers. */
export interface RateLimitBucket {
  limit?: number;
  remaining?: number;
  /** RFC 3339 time the bucket refills, as sent. */
  reset?: string;
}

export interface RateLimits {
  requests?: RateLimitBucket;
  tokens?: RateLimitBucket;
  inputTokens?: RateLimitBucket;
  outputTokens?: RateLimitBucket;
  /** Seconds to wait, from `retry-after` (429/529). */
  retryAfterSeconds?: number;
  requestId?: string;
  /** HTTP status of the response, when it was an error (429 rate limited, 529 overloaded...). */
  status?: number;
  /** ISO time the response arrived (a `retry-after` counts from then). */
  receivedAt?: string;
}

const buckets = [
  ['requests', 'requests'],
  ['tokens', 'tokens'],
  ['inputTokens', 'input-tokens'],
  ['outputTokens', 'output-tokens'],
] as const;

/** Anything with a `get(name)` (the Fetch `Headers` or a plain lookup in tests). */
export interface HeaderSource {
  get(name: string): string | null;
}

function count(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** Parses the rate-limit headers; undefined when the response carried none. */
export function parseRateLimits(headers: HeaderSource): RateLimits | undefined {
  const limits: RateLimits = {};
  let found = false;
  for (const [key, name] of buckets) {
    const bucket: RateLimitBucket = {};
    const limit = count(headers.get(`anthropic-ratelimit-${name}-limit`));
    const remaining = count(headers.get(`anthropic-ratelimit-${name}-remaining`));
    const reset = headers.get(`anthropic-ratelimit-${name}-reset`) ?? undefined;
    if (limit !== undefined) bucket.limit = limit;
    if (remaining !== undefined) bucket.remaining = remaining;
    if (reset) bucket.reset = reset;
    if (Object.keys(bucket).length > 0) {
      limits[key] = bucket;
      found = true;
    }
  }
  const retryAfter = count(headers.get('retry-after'));
  if (retryAfter !== undefined) {
    limits.retryAfterSeconds = retryAfter;
    found = true;
  }
  const requestId = headers.get('request-id');
  if (requestId) limits.requestId = requestId;
  return found ? limits : undefined;
}

/**
 * The headers and status of the response behind a failed request (the SDK's `APIError` carries both), so
 * a 429 or 529 updates the rate-limit state the same way a successful response does. Duck-typed: the
 * SDK is loaded lazily and its classes are not imported here.
 */
export function errorResponse(error: unknown): { headers: HeaderSource; status: number | undefined } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { headers, status } = error as { headers?: unknown; status?: unknown };
  if (typeof headers !== 'object' || headers === null || typeof (headers as { get?: unknown }).get !== 'function') return undefined;
  return { headers: headers as HeaderSource, status: typeof status === 'number' ? status : undefined };
}
