import * as assert from 'node:assert';
import { lookupModelPrice } from '../../src/core/prices/lookup';
import { parseRateLimits } from '../../src/core/usage/rateLimits';
import type { RateLimits } from '../../src/core/usage/rateLimits';
import { RequestTracker } from '../../src/core/usage/requestTracker';
import { UsageAccumulator } from '../../src/core/usage/usageAccumulator';
import type { UsageRecord } from '../../src/core/usage/usageRecord';
import { promptTokens } from '../../src/core/tokenCounts';

const start = (usage: Record<string, unknown>, model = 'claude-sonnet-4-5-20250929') => ({
  type: 'message_start',
  message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], model, usage },
});
const text = (value: string) => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: value } });
const thinking = (value: string) => ({ type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: value } });
const delta = (usage: Record<string, unknown>) => ({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage });

function tracker(model = 'claude-sonnet-4-5') {
  const ended: UsageRecord[] = [];
  const limits: RateLimits[] = [];
  let progress = 0;
  const t = new RequestTracker(
    { model, source: 'chat' },
    {
      price: (id) => lookupModelPrice(id),
      now: () => new Date('2026-11-22T10:00:00Z'),
      onProgress: () => progress++,
      onEnd: (record) => ended.push(record),
      onRateLimits: (l) => limits.push(l),
    },
  );
  return { t, ended, limits, progress: () => progress };
}

describe('usage accumulation', () => {
  it('keeps the last non-null value per field: message_delta counts are cumulative, never added', () => {
    const a = new UsageAccumulator('claude-sonnet-4-5');
    a.onStreamEvent(start({ input_tokens: 25, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }));
    a.onStreamEvent(delta({ output_tokens: 10 }));
    a.onStreamEvent(delta({ output_tokens: 15, input_tokens: null, cache_read_input_tokens: null }));
    const q = a.quantities();
    assert.strictEqual(q.outputTokens, 15);
    assert.strictEqual(q.inputTokens, 25);
    assert.strictEqual(q.cacheReadTokens, 0);
  });

  it('takes larger input and cache counts from message_delta (server tools) and ignores nulls', () => {
    const a = new UsageAccumulator('claude-sonnet-4-5');
    a.onStreamEvent(start({ input_tokens: 100, output_tokens: 1, cache_creation_input_tokens: null, cache_read_input_tokens: 50, cache_creation: null, server_tool_use: null }));
    a.onStreamEvent(delta({ output_tokens: 300, input_tokens: 2100, cache_read_input_tokens: 50, server_tool_use: { web_search_requests: 2, web_fetch_requests: 1 } }));
    const q = a.quantities();
    assert.deepStrictEqual(q, {
      inputTokens: 2100,
      outputTokens: 300,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 50,
      webSearchRequests: 2,
      webFetchRequests: 1,
    });
  });

  it('splits cache writes into 5-minute and 1-hour parts; unsplit writes are 5-minute', () => {
    const a = new UsageAccumulator('claude-sonnet-4-5');
    a.onStreamEvent(start({ input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 3000, cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 2000 } }));
    a.onStreamEvent(delta({ output_tokens: 5, cache_creation_input_tokens: 3500 }));
    const q = a.quantities();
    assert.strictEqual(q.cacheWrite1hTokens, 2000);
    assert.strictEqual(q.cacheWrite5mTokens, 1500);
    const b = new UsageAccumulator('claude-sonnet-4-5');
    b.onStreamEvent(start({ input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 800 }));
    assert.strictEqual(b.quantities().cacheWrite5mTokens, 800);
  });

  it('estimates output while streaming (thinking included) and corrects it with the final count', () => {
    const { t } = tracker('claude-sonnet-4-5');
    t.onStreamEvent(start({ input_tokens: 25, output_tokens: 1 }));
    t.onStreamEvent(thinking('x'.repeat(350)));
    t.onStreamEvent(text('y'.repeat(350)));
    const live = t.current();
    assert.strictEqual(live.outputTokens, 200, '700 characters at 3.5 characters per token');
    assert.strictEqual(live.approximate, true);
    t.onStreamEvent(delta({ output_tokens: 180 }));
    const final = t.end('completed');
    assert.strictEqual(final.outputTokens, 180);
    assert.strictEqual(final.approximate, false);
    assert.ok(final.costUsd !== undefined && Math.abs(final.costUsd - (25 * 3 + 180 * 15) / 1e6) < 1e-12);
  });

  it('an aborted stream keeps its estimate, marked approximate, and is recorded once', () => {
    const { t, ended } = tracker('claude-opus-4-7');
    t.onStreamEvent(start({ input_tokens: 1000, output_tokens: 1 }, 'claude-opus-4-7'));
    t.onStreamEvent(text('z'.repeat(3500)));
    const summary = t.end('aborted');
    assert.strictEqual(summary.outputTokens, 1300, 'newer tokenizer: 30 % more tokens');
    assert.strictEqual(summary.approximate, true);
    t.end('completed');
    t.onStreamEvent(text('ignored after the end'));
    assert.strictEqual(ended.length, 1);
    assert.strictEqual(ended[0].outcome, 'aborted');
    assert.strictEqual(ended[0].outputTokens, 1300);
    assert.ok(ended[0].costUsd !== null && Math.abs(ended[0].costUsd - (1000 * 5 + 1300 * 25) / 1e6) < 1e-12);
  });

  it('a completed stream without a final message_delta stays approximate', () => {
    const { t } = tracker();
    t.onStreamEvent(start({ input_tokens: 5, output_tokens: 1 }));
    assert.strictEqual(t.end('completed').approximate, true);
  });

  it('records the canonical model, prompt total, cost source and unpriced server tools', () => {
    const { t, ended } = tracker('claude-sonnet-5-5');
    t.onStreamEvent(start({ input_tokens: 100, output_tokens: 1, cache_read_input_tokens: 400, cache_creation_input_tokens: 500 }, 'claude-sonnet-5-5'));
    t.onStreamEvent(delta({ output_tokens: 50, server_tool_use: { web_search_requests: 3, web_fetch_requests: 0 } }));
    t.end('completed');
    const record = ended[0];
    assert.strictEqual(record.model, 'claude-sonnet-5-5');
    assert.strictEqual(promptTokens(record), 1000);
    assert.deepStrictEqual(record.unpriced, ['3 web search requests']);
    assert.strictEqual(record.priceSource, 'Claude API Toolkit price table of 2026-11-22');
    assert.strictEqual(record.contextWindow, 1_000_000);
  });

  it('an unknown model records null cost, never $0', () => {
    const { t, ended } = tracker('claude-nova-9');
    t.onStreamEvent(start({ input_tokens: 100, output_tokens: 1 }, 'claude-nova-9'));
    t.onStreamEvent(delta({ output_tokens: 50 }));
    assert.strictEqual(t.end('completed').costUsd, undefined);
    assert.strictEqual(ended[0].costUsd, null);
  });

  it('prices by the requested model when the reply names one no source knows', () => {
    const { t, ended } = tracker('claude-sonnet-4-5');
    t.onStreamEvent(start({ input_tokens: 100_000, output_tokens: 1 }, 'acme-private-deployment-7'));
    t.onStreamEvent(delta({ output_tokens: 0 }));
    t.end('completed');
    assert.strictEqual(ended[0].costUsd, 0.3);
  });

  it('a reply stopped during summarized thinking counts the thinking budget, not the summary', () => {
    const t = new RequestTracker(
      { model: 'claude-sonnet-4-6', source: 'chat', thinking: { budgetTokens: 4000, summarized: true } },
      { price: (id) => lookupModelPrice(id), now: () => new Date(), onProgress: () => undefined, onEnd: () => undefined, onRateLimits: () => undefined },
    );
    t.onStreamEvent(start({ input_tokens: 10, output_tokens: 1 }, 'claude-sonnet-4-6'));
    t.onStreamEvent({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } });
    t.onStreamEvent(thinking('Let me think about this.'));
    assert.ok(t.current().outputTokens < 100, 'while streaming: the estimate of what arrived');
    const stopped = t.end('aborted');
    assert.strictEqual(stopped.outputTokens, 4000);
    assert.strictEqual(stopped.approximate, true);
  });

  it('redacted thinking in a stopped reply counts the budget, not nothing', () => {
    const a = new UsageAccumulator('claude-sonnet-4-6', { budgetTokens: 2048, summarized: true });
    a.onStreamEvent({ type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' } });
    a.onStreamEvent({ type: 'content_block_stop', index: 0 });
    assert.strictEqual(a.quantities(true).outputTokens, 2048);
    const full = new UsageAccumulator('claude-sonnet-4-6', { budgetTokens: 2048, summarized: false });
    full.onStreamEvent({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } });
    full.onStreamEvent(thinking('x'.repeat(350)));
    assert.strictEqual(full.quantities(true).outputTokens, 100, 'full thinking is counted from its text (350 chars / 3.5)');
  });

  it('ignores pings, errors, unknown events and garbage', () => {
    const a = new UsageAccumulator('claude-sonnet-4-5');
    for (const event of [null, 42, 'text', { type: 'ping' }, { type: 'error', error: { type: 'overloaded_error' } }, { type: 'future_event', usage: { output_tokens: 9 } }]) {
      a.onStreamEvent(event);
    }
    a.onStreamEvent(start({ input_tokens: -5, output_tokens: 'many' }));
    assert.strictEqual(a.quantities().inputTokens, 0);
    assert.strictEqual(a.quantities().outputTokens, 0);
  });
});

describe('rate-limit headers', () => {
  it('parses the anthropic-ratelimit-* family, retry-after and the request id', () => {
    const headers = new Headers({
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '49',
      'anthropic-ratelimit-requests-reset': '2026-11-22T10:00:30Z',
      'anthropic-ratelimit-output-tokens-remaining': '7900',
      'retry-after': '12',
      'request-id': 'req_123',
    });
    assert.deepStrictEqual(parseRateLimits(headers), {
      requests: { limit: 50, remaining: 49, reset: '2026-11-22T10:00:30Z' },
      outputTokens: { remaining: 7900 },
      retryAfterSeconds: 12,
      requestId: 'req_123',
    });
    assert.strictEqual(parseRateLimits(new Headers({ 'content-type': 'text/event-stream' })), undefined);
  });

  it('reaches the meter through the tracker', () => {
    const { t, limits, ended } = tracker();
    t.onResponseHeaders(new Headers({ 'anthropic-ratelimit-tokens-remaining': '1000', 'request-id': 'req_9' }));
    t.onStreamEvent(start({ input_tokens: 1, output_tokens: 1 }));
    t.end('failed');
    assert.strictEqual(limits[0].tokens?.remaining, 1000);
    assert.strictEqual(ended[0].requestId, 'req_9');
    assert.strictEqual(ended[0].outcome, 'failed');
  });
});
