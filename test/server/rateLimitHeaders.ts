// The `anthropic-ratelimit-*` headers the real API puts on every response. Remaining counts go down
// by one request (and the request's tokens) per answered request, so tests can see them change.

/** Per-minute limits the fake server advertises. */
export const fakeRateLimits = {
  requests: 50,
  tokens: 90_000,
  'input-tokens': 80_000,
  'output-tokens': 16_000,
} as const;

/** RFC 3339 without fractional seconds, as the API writes its reset times. */
export function rfc3339(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface RateLimitUse {
  /** Requests answered so far in this server's life, this one included. */
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

export function rateLimitHeaders(used: RateLimitUse, now: Date): Record<string, string> {
  const reset = rfc3339(new Date(now.getTime() + 60_000));
  const remaining: Record<keyof typeof fakeRateLimits, number> = {
    requests: fakeRateLimits.requests - used.requests,
    tokens: fakeRateLimits.tokens - used.inputTokens - used.outputTokens,
    'input-tokens': fakeRateLimits['input-tokens'] - used.inputTokens,
    'output-tokens': fakeRateLimits['output-tokens'] - used.outputTokens,
  };
  const headers: Record<string, string> = {};
  for (const kind of Object.keys(fakeRateLimits) as (keyof typeof fakeRateLimits)[]) {
    headers[`anthropic-ratelimit-${kind}-limit`] = String(fakeRateLimits[kind]);
    headers[`anthropic-ratelimit-${kind}-remaining`] = String(Math.max(0, remaining[kind]));
    headers[`anthropic-ratelimit-${kind}-reset`] = reset;
  }
  return headers;
}
