import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { costOfUsage } from '../../src/core/prices/cost';
import { promptTokens } from '../../src/core/tokenCounts';
import type { UsageQuantities } from '../../src/core/prices/cost';
import { describePriceSource } from '../../src/core/prices/describeSource';
import { lookupModelPrice } from '../../src/core/prices/lookup';
import { canonicalModelId } from '../../src/core/prices/modelIds';
import { parsePriceOverrides } from '../../src/core/prices/overrides';
import { genaiPricesVersion, packageModelPrice } from '../../src/core/prices/packagePrices';

/** One request using every token kind (prompt 13,000 tokens: below Haiku 5.5's long-prompt threshold). */
const usage: UsageQuantities = {
  inputTokens: 1000,
  outputTokens: 2000,
  cacheWrite5mTokens: 3000,
  cacheWrite1hTokens: 4000,
  cacheReadTokens: 5000,
  webSearchRequests: 2,
};

/**
 * Hand-computed from the price table in docs/anthropic-api.md: input x in + output x out + 5m writes x
 * (1.25 x in) + 1h writes x (2 x in) + reads x read, per million; web search $10 per 1,000 (package) where priced.
 */
const expected: Record<string, { tokens: number; webSearch: number | 'unpriced' }> = {
  'claude-opus-5-5': { tokens: (1000 * 4 + 2000 * 20 + 3000 * 4 * 1.25 + 4000 * 4 * 2 + 5000 * 0.2) / 1e6, webSearch: 0.02 },
  'claude-opus-5': { tokens: (1000 * 5 + 2000 * 25 + 3000 * 5 * 1.25 + 4000 * 5 * 2 + 5000 * 0.5) / 1e6, webSearch: 0.02 },
  'claude-opus-4-8': { tokens: (1000 * 5 + 2000 * 25 + 3000 * 5 * 1.25 + 4000 * 5 * 2 + 5000 * 0.5) / 1e6, webSearch: 0.02 },
  'claude-opus-4-7': { tokens: (1000 * 5 + 2000 * 25 + 3000 * 5 * 1.25 + 4000 * 5 * 2 + 5000 * 0.5) / 1e6, webSearch: 0.02 },
  'claude-opus-4-6': { tokens: (1000 * 5 + 2000 * 25 + 3000 * 5 * 1.25 + 4000 * 5 * 2 + 5000 * 0.5) / 1e6, webSearch: 0.02 },
  'claude-opus-4-5': { tokens: (1000 * 5 + 2000 * 25 + 3000 * 5 * 1.25 + 4000 * 5 * 2 + 5000 * 0.5) / 1e6, webSearch: 0.02 },
  'claude-opus-4-1': { tokens: (1000 * 15 + 2000 * 75 + 3000 * 15 * 1.25 + 4000 * 15 * 2 + 5000 * 1.5) / 1e6, webSearch: 0.02 },
  'claude-opus-4': { tokens: (1000 * 15 + 2000 * 75 + 3000 * 15 * 1.25 + 4000 * 15 * 2 + 5000 * 1.5) / 1e6, webSearch: 0.02 },
  'claude-sonnet-5-5': { tokens: (1000 * 2 + 2000 * 10 + 3000 * 2 * 1.25 + 4000 * 2 * 2 + 5000 * 0.1) / 1e6, webSearch: 'unpriced' },
  'claude-sonnet-5': { tokens: (1000 * 2 + 2000 * 10 + 3000 * 2 * 1.25 + 4000 * 2 * 2 + 5000 * 0.2) / 1e6, webSearch: 0.02 },
  'claude-sonnet-4-6': { tokens: (1000 * 3 + 2000 * 15 + 3000 * 3 * 1.25 + 4000 * 3 * 2 + 5000 * 0.3) / 1e6, webSearch: 0.02 },
  'claude-sonnet-4-5': { tokens: (1000 * 3 + 2000 * 15 + 3000 * 3 * 1.25 + 4000 * 3 * 2 + 5000 * 0.3) / 1e6, webSearch: 0.02 },
  'claude-sonnet-4': { tokens: (1000 * 3 + 2000 * 15 + 3000 * 3 * 1.25 + 4000 * 3 * 2 + 5000 * 0.3) / 1e6, webSearch: 0.02 },
  'claude-haiku-5-5': { tokens: (1000 * 0.1 + 2000 * 0.5 + 3000 * 0.1 * 1.25 + 4000 * 0.1 * 2 + 5000 * 0.01) / 1e6, webSearch: 'unpriced' },
  'claude-haiku-4-5': { tokens: (1000 * 1 + 2000 * 5 + 3000 * 1 * 1.25 + 4000 * 1 * 2 + 5000 * 0.1) / 1e6, webSearch: 0.02 },
  'claude-3-5-haiku': { tokens: (1000 * 0.8 + 2000 * 4 + 3000 * 0.8 * 1.25 + 4000 * 0.8 * 2 + 5000 * 0.08) / 1e6, webSearch: 0.02 },
};

function approx(actual: number, wanted: number, what: string): void {
  assert.ok(Math.abs(actual - wanted) < 1e-12, `${what}: ${actual} != ${wanted}`);
}

function priced(modelId: string, quantities = usage, batch = false) {
  const cost = costOfUsage(quantities, lookupModelPrice(modelId), { batch, modelId });
  assert.ok(cost.kind === 'priced', `${modelId} has no price`);
  return cost;
}

describe('prices: every model of the published table', () => {
  for (const [modelId, want] of Object.entries(expected)) {
    it(`${modelId}: all token kinds cost the hand-computed amount`, () => {
      const cost = priced(modelId);
      const fee = want.webSearch === 'unpriced' ? 0 : want.webSearch;
      approx(cost.totalUsd, want.tokens + fee, `${modelId} total`);
      approx(cost.parts.webSearch, fee, `${modelId} web search`);
      assert.deepStrictEqual(cost.unpriced, want.webSearch === 'unpriced' ? ['2 web search requests'] : []);
      assert.strictEqual(cost.tier, 'base');
      assert.deepStrictEqual(cost.source, { kind: 'table', date: '2026-11-22' });
    });
  }

  it('prices 5-minute and 1-hour cache writes differently (1.25x and 2x input)', () => {
    const cost = priced('claude-sonnet-4-5');
    approx(cost.parts.cacheWrite5m, (3000 * 3.75) / 1e6, '5m');
    approx(cost.parts.cacheWrite1h, (4000 * 6) / 1e6, '1h');
  });

  it('Haiku 5.5 above 100K prompt tokens bills every token at the long-prompt price', () => {
    const long: UsageQuantities = { inputTokens: 50_000, outputTokens: 2000, cacheWrite5mTokens: 30_000, cacheWrite1hTokens: 20_000, cacheReadTokens: 10_000 };
    assert.strictEqual(promptTokens(long), 110_000);
    const cost = priced('claude-haiku-5-5', long);
    assert.strictEqual(cost.tier, 'longPrompt');
    approx(cost.totalUsd, (50_000 * 0.5 + 2000 * 2.5 + 30_000 * 0.5 * 1.25 + 20_000 * 0.5 * 2 + 10_000 * 0.05) / 1e6, 'long');
    // Exactly 100K is still the base tier ("> 100K").
    const edge = priced('claude-haiku-5-5', { ...long, cacheReadTokens: 0 });
    assert.strictEqual(edge.tier, 'base');
    approx(edge.totalUsd, (50_000 * 0.1 + 2000 * 0.5 + 30_000 * 0.1 * 1.25 + 20_000 * 0.1 * 2) / 1e6, 'edge');
  });

  it('Message Batches halve every token price but not tool fees', () => {
    const cost = priced('claude-opus-4-1', usage, true);
    assert.strictEqual(cost.batch, true);
    approx(cost.totalUsd, (1000 * 15 + 2000 * 75 + 3000 * 15 * 1.25 + 4000 * 15 * 2 + 5000 * 1.5) / 1e6 / 2 + 0.02, 'batch');
  });

  it('reports web fetches as unpriced', () => {
    const cost = priced('claude-sonnet-4-6', { ...usage, webSearchRequests: 0, webFetchRequests: 1 });
    assert.deepStrictEqual(cost.unpriced, ['1 web fetch request']);
  });
});

describe('prices: lookup', () => {
  it('resolves dated ids, aliases and gateway spellings', () => {
    assert.strictEqual(canonicalModelId('claude-sonnet-4-5-20250929'), 'claude-sonnet-4-5');
    assert.strictEqual(canonicalModelId('claude-3-5-haiku-latest'), 'claude-3-5-haiku');
    assert.strictEqual(canonicalModelId('claude-opus-4-0'), 'claude-opus-4');
    assert.strictEqual(canonicalModelId('claude-opus-4-1@20250805'), 'claude-opus-4-1');
    assert.strictEqual(canonicalModelId('anthropic.claude-haiku-4-5-20251001-v1:0'), 'claude-haiku-4-5');
    assert.strictEqual(lookupModelPrice('claude-sonnet-4-5-20250929')?.modelId, 'claude-sonnet-4-5');
    assert.strictEqual(lookupModelPrice('Claude-Haiku-4-5-20251001')?.input, 1);
  });

  it('resolves Bedrock cross-region ids (`us.anthropic.…-v1:0`)', () => {
    assert.strictEqual(canonicalModelId('us.anthropic.claude-sonnet-4-5-20250929-v1:0'), 'claude-sonnet-4-5');
    assert.strictEqual(canonicalModelId('global.anthropic.claude-haiku-4-5-20251001-v1:0'), 'claude-haiku-4-5');
    assert.strictEqual(lookupModelPrice('eu.anthropic.claude-opus-4-1-20250805-v1:0')?.input, 15);
  });

  it('Sonnet 4.5 and 4 past 200K prompt tokens (1M-context beta) bill every token at $6 / $22.50', () => {
    const long: UsageQuantities = { inputTokens: 300_000, outputTokens: 2000, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0 };
    for (const model of ['claude-sonnet-4-5', 'claude-sonnet-4']) {
      const cost = priced(model, long);
      approx(cost.totalUsd, 1.845, `${model} 300K prompt`);
      assert.strictEqual(cost.tier, 'longPrompt');
      assert.strictEqual(lookupModelPrice(model)?.extendedContext?.contextWindow, 1_000_000);
    }
    approx(priced('claude-sonnet-4-5', { ...long, inputTokens: 200_000 }).totalUsd, 0.63, 'exactly 200K stays at the base price');
    const cached: UsageQuantities = { inputTokens: 1000, outputTokens: 0, cacheWrite5mTokens: 100_000, cacheWrite1hTokens: 0, cacheReadTokens: 150_000 };
    approx(priced('claude-sonnet-4-5', cached).totalUsd, (1000 * 6 + 100_000 * 7.5 + 150_000 * 0.6) / 1e6, 'cache rates scale the same way');
  });

  it('says unknown (undefined), never $0, for a model no source knows', () => {
    assert.strictEqual(lookupModelPrice('claude-sonnet-9-9'), undefined);
    assert.strictEqual(lookupModelPrice('gpt-4o'), undefined);
    assert.deepStrictEqual(costOfUsage(usage, undefined, { modelId: 'gpt-4o' }), { kind: 'unknown', modelId: 'gpt-4o' });
  });

  it('our table wins where the package disagrees (Sonnet 5.5 is not Sonnet 5)', () => {
    assert.strictEqual(packageModelPrice('claude-sonnet-5-5'), undefined, 'no prefix matching onto claude-sonnet-5');
    assert.strictEqual(packageModelPrice('claude-haiku-5-5'), undefined);
    assert.strictEqual(lookupModelPrice('claude-sonnet-5-5')?.cacheRead, 0.1);
  });

  it('falls back to the package for models our table lacks, saying so', () => {
    const price = lookupModelPrice('claude-3-opus-20240229');
    assert.ok(price);
    assert.strictEqual(price.input, 15);
    assert.strictEqual(price.cacheWrite1h, 30);
    assert.strictEqual(describePriceSource(price.source), '@pydantic/genai-prices 0.1.8 (data of 2026-09)');
  });

  it('names the installed package version', () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../node_modules/@pydantic/genai-prices/package.json'), 'utf8'),
    ) as { version: string };
    assert.strictEqual(genaiPricesVersion, manifest.version);
  });

  it('table figures say their date; tool fees say the package', () => {
    const price = lookupModelPrice('claude-opus-4-7');
    assert.ok(price);
    assert.strictEqual(describePriceSource(price.source), 'Claude API Toolkit price table of 2026-11-22');
    assert.strictEqual(price.serverToolsSource?.kind, 'package');
  });
});

describe('prices: user overrides', () => {
  it('wins over the table and fills cache prices by the published ratios', () => {
    const { overrides, problems } = parsePriceOverrides({ 'claude-sonnet-4-5-20250929': { input: 2, output: 8 } });
    assert.deepStrictEqual(problems, []);
    const price = lookupModelPrice('claude-sonnet-4-5', overrides);
    assert.ok(price);
    assert.deepStrictEqual(
      [price.input, price.output, price.cacheWrite5m, price.cacheWrite1h, price.cacheRead, price.batchMultiplier],
      [2, 8, 2.5, 4, 0.2, 0.5],
    );
    assert.strictEqual(describePriceSource(price.source), 'your setting claudeApi.prices.overrides');
  });

  it('prices a model nobody else knows', () => {
    const { overrides } = parsePriceOverrides({ 'my-gateway-model': { input: 1, output: 2, cacheRead: 0.5 } });
    const cost = costOfUsage({ ...usage, webSearchRequests: 0 }, lookupModelPrice('my-gateway-model', overrides));
    assert.strictEqual(cost.kind, 'priced');
    approx(cost.kind === 'priced' ? cost.totalUsd : NaN, (1000 * 1 + 2000 * 2 + 3000 * 1.25 + 4000 * 2 + 5000 * 0.5) / 1e6, 'override');
  });

  it('ignores bad entries with a clear message and keeps the good ones', () => {
    const { overrides, problems } = parsePriceOverrides({
      good: { input: 1, output: 2 },
      noOutput: { input: 1 },
      negative: { input: -1, output: 2 },
      typo: { input: 1, output: 2, cacheReed: 0.1 },
      text: 'cheap',
      badBatch: { input: 1, output: 2, batchMultiplier: 2 },
    });
    assert.deepStrictEqual([...overrides.keys()], ['good']);
    assert.strictEqual(problems.length, 5);
    assert.match(problems[0], /\["noOutput"\] needs "output"/);
    assert.match(problems[2], /unknown field\(s\) cacheReed/);
    assert.match(parsePriceOverrides([1, 2]).problems[0], /must be an object/);
    assert.deepStrictEqual(parsePriceOverrides(undefined).problems, []);
  });
});
