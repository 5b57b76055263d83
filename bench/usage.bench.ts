// Usage meter figures: first price lookup (loads @pydantic/genai-prices), warm lookups, accounting a
// 200 KB streamed reply, reading a 10,000-line ledger, and what the price package weighs in dist/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lookupModelPrice } from '../src/core/prices/lookup';
import { parseLedger, serializeRecord } from '../src/core/usage/ledgerFormat';
import { RequestTracker } from '../src/core/usage/requestTracker';
import type { UsageRecord } from '../src/core/usage/usageRecord';
import { dailySpendByModel, totalsByModel } from '../src/core/usage/usageTotals';
import { medianMs, report } from './report';

// 1. First lookup in a fresh process: loads and evaluates the price package once.
let start = performance.now();
lookupModelPrice('claude-3-opus-20240229');
report('prices-first-lookup', performance.now() - start, 'ms');

// 2. Warm lookups: our table (plus the package's tool fee) vs the package alone.
const tableMs = medianMs(21, () => {
  for (let i = 0; i < 1000; i++) lookupModelPrice('claude-sonnet-4-5-20250929');
});
const packageMs = medianMs(21, () => {
  for (let i = 0; i < 1000; i++) lookupModelPrice('claude-3-opus-20240229');
});
report('prices-lookup-table', (tableMs * 1000) / 1000, 'µs', { value: (packageMs * 1000) / 1000, unit: 'µs (package model)' });

// 3. A 200 KB reply in 16-character deltas (12,500 events) through the tracker, with a live read every
// 100 events (the status bar reads far less often), vs a bare loop over the same events.
const chunk = 'abcdefghijklmnop';
const events: unknown[] = [
  { type: 'message_start', message: { model: 'claude-sonnet-4-5', usage: { input_tokens: 1000, output_tokens: 1 } } },
  ...Array.from({ length: 12_500 }, () => ({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: chunk } })),
  { type: 'message_delta', usage: { output_tokens: 57_000 } },
];
const trackedMs = medianMs(11, () => {
  const tracker = new RequestTracker(
    { model: 'claude-sonnet-4-5', source: 'bench' },
    { price: (id) => lookupModelPrice(id), now: () => new Date(), onProgress: () => undefined, onEnd: () => undefined, onRateLimits: () => undefined },
  );
  events.forEach((event, i) => {
    tracker.onStreamEvent(event);
    if (i % 100 === 0) tracker.current();
  });
  tracker.end('completed');
});
const bareMs = medianMs(11, () => {
  let chars = 0;
  for (const event of events as { delta?: { text?: string } }[]) chars += event.delta?.text?.length ?? 0;
  if (chars < 0) throw new Error('unreachable');
});
report('usage-track-200kb-reply', trackedMs, 'ms', { value: bareMs, unit: 'ms (bare loop)' });

// 4. Reading a ledger of 10,000 requests and building the 30-day chart and totals.
const now = new Date();
const lines = Array.from({ length: 10_000 }, (_, i): UsageRecord => ({
  time: new Date(now.getTime() - (i % 40) * 86_400_000).toISOString(),
  model: i % 3 === 0 ? 'claude-opus-4-7' : 'claude-sonnet-4-5',
  source: 'chat',
  outcome: 'completed',
  approximate: false,
  inputTokens: 1000 + i,
  outputTokens: 500,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 2000,
  webSearchRequests: 0,
  webFetchRequests: 0,
  costUsd: 0.01,
  priceSource: 'Claude API Toolkit price table of 2026-11-22',
})).map(serializeRecord).join('');
start = performance.now();
const parsed = parseLedger(lines);
totalsByModel(parsed.records);
dailySpendByModel(parsed.records, now);
report('usage-ledger-read-10k', performance.now() - start, 'ms');
report('usage-ledger-size-10k', lines.length / 1024, 'KB');

// 5. What the price package weighs next to the host bundle (after `npm run build` / `package`).
const dist = path.join(__dirname, '..', 'dist');
for (const file of ['extension.js', 'genai-prices.js']) {
  const full = path.join(dist, file);
  if (fs.existsSync(full)) report(`dist-${file}`, fs.statSync(full).size / 1024, 'KB');
}
