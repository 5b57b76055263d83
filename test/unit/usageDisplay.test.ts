import * as assert from 'node:assert';
import type { Timers } from '../../src/core/usage/throttle';
import { Throttle } from '../../src/core/usage/throttle';
import { usageTooltipMarkdown } from '../../src/core/usage/usageTooltip';
import { totalsByModel } from '../../src/core/usage/usageTotals';
import { usageRecord } from './usageRecordFixture';

/** A hand-driven clock: time moves only when the test says so. */
function fakeTimers() {
  let now = 0;
  let pending: { at: number; run: () => void } | undefined;
  const timers: Timers = {
    now: () => now,
    setTimeout: (run, ms) => (pending = { at: now + ms, run }),
    clearTimeout: () => (pending = undefined),
  };
  const advance = (ms: number) => {
    now += ms;
    if (pending && pending.at <= now) {
      const { run } = pending;
      pending = undefined;
      run();
    }
  };
  return { timers, advance };
}

describe('usage display', () => {
  it('throttles repaints to one per interval while never losing the last change', () => {
    const { timers, advance } = fakeTimers();
    let paints = 0;
    const throttle = new Throttle(() => paints++, 100, timers);
    throttle.request();
    advance(0);
    assert.strictEqual(paints, 1, 'the first change paints at once');
    // A burst of 1,000 stream events within one second of fake time: one paint per 100 ms.
    for (let ms = 1; ms <= 1000; ms++) {
      throttle.request();
      advance(1);
    }
    assert.ok(paints <= 11, `${paints} paints in one second`);
    assert.ok(paints >= 10, `${paints} paints: the display kept up`);
    advance(100);
    const settled = paints;
    advance(1000);
    assert.strictEqual(paints, settled, 'no paints without changes');
  });

  it('tooltip: per-model tokens and dollars per kind, periods, last request context fill and rate limits', () => {
    const last = usageRecord({ model: 'claude-opus-4-7', inputTokens: 50_000, cacheReadTokens: 50_000, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, contextWindow: 1_000_000, priceSource: 'Claude API Toolkit price table of 2026-11-22' });
    const session = totalsByModel([usageRecord(), usageRecord(), last]);
    const markdown = usageTooltipMarkdown({
      session,
      sessionStarted: new Date('2026-11-22T09:00:00Z'),
      today: session.all,
      month: session.all,
      lastRequest: last,
      rateLimits: { requests: { limit: 50, remaining: 49, reset: '2026-11-22T10:01:00Z' }, tokens: { remaining: 90_000 } },
      inFlight: 0,
    });
    assert.match(markdown, /\| Model \| Input \| Output \| Cache write 5m \| Cache write 1h \| Cache read \| Cost \|/);
    // Two Sonnet requests: 600 5-minute write tokens for $0.00225 (shown $0.0022) and 800 1-hour ones for $0.0048.
    assert.match(markdown, /claude\\-sonnet\\-4\\-5 \| 2,000<br>\$0\.0060 \| 400<br>\$0\.0060 \| 600<br>\$0\.0022 \| 800<br>\$0\.0048 \| 1,000<br>\$0\.0003 \|/);
    assert.match(markdown, /All models/);
    assert.match(markdown, /\*\*Today:\*\* \$0\\\.0300/);
    // The last request's own prompt (100,000 of 1M), not the session's cumulative tokens.
    assert.match(markdown, /10\\\.0 % of the 1\\\.00M context window \\\(100,000 prompt tokens\\\)/);
    assert.match(markdown, /Requests: 49 of 50 left, resets 2026\\-11\\-22T10:01:00Z/);
    assert.match(markdown, /Tokens: 90,000 left/);
  });

  it('tooltip: an unknown price reads "price unknown", never $0, in the row, the periods and the last request', () => {
    const unknown = usageRecord({ model: 'claude-*nova*', costUsd: null, costParts: undefined });
    const session = totalsByModel([unknown]);
    const markdown = usageTooltipMarkdown({
      session,
      sessionStarted: new Date(),
      today: session.all,
      month: session.all,
      lastRequest: unknown,
      rateLimits: undefined,
      inFlight: 1,
    });
    assert.match(markdown, /claude\\-\\\*nova\\\*/);
    assert.doesNotMatch(markdown, /\$/, 'no dollar figure anywhere');
    assert.match(markdown, /\*\*Today:\*\* price unknown/);
    assert.match(markdown, /\*\*Last request:\*\* claude\\-\\\*nova\\\* · price unknown/);
    assert.match(markdown, /1 request\(s\) streaming/);
  });

  it('tooltip: a mix of priced and unpriced requests names the unknown part', () => {
    const session = totalsByModel([usageRecord(), usageRecord({ model: 'claude-nova-9', costUsd: null, costParts: undefined })]);
    const markdown = usageTooltipMarkdown({ session, sessionStarted: new Date(), today: session.all, month: session.all, lastRequest: undefined, rateLimits: undefined, inFlight: 0 });
    assert.match(markdown, /\*\*Today:\*\* \$0\\\.0100 \\\+ price unknown \\\(1 request\\\)/);
  });
});
