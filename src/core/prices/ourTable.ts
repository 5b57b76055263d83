import type { ModelPrice, TokenPrices } from './types';

/**
 * Our own dated price table, copied from Anthropic's published prices (docs/anthropic-api.md,
 * first-party API). It wins over the `@pydantic/genai-prices` snapshot wherever both know a model,
 * because that snapshot is older (it lacks Haiku 5.5 and prices Sonnet 5.5 as Sonnet 5).
 */
export const ourTableDate = '2026-11-22';

/** Cache writes and reads as multiples of the input price (Anthropic's prompt caching rules). */
const cacheWrite5mFactor = 1.25;
const cacheWrite1hFactor = 2;
/** Message Batches: 50 % off. */
const batchMultiplier = 0.5;

interface Row {
  ids: string[];
  input: number;
  output: number;
  cacheRead: number;
  contextWindow: number;
  longPromptTier?: { aboveInputTokens: number; input: number; output: number; cacheRead: number };
  extendedContext?: ModelPrice['extendedContext'];
}

const rows: Row[] = [
  { ids: ['claude-opus-5-5'], input: 4, output: 20, cacheRead: 0.2, contextWindow: 1_000_000 },
  {
    ids: ['claude-opus-5', 'claude-opus-4-8', 'claude-opus-4-7', 'claude-opus-4-6'],
    input: 5,
    output: 25,
    cacheRead: 0.5,
    contextWindow: 1_000_000,
  },
  { ids: ['claude-opus-4-5'], input: 5, output: 25, cacheRead: 0.5, contextWindow: 200_000 },
  { ids: ['claude-opus-4-1', 'claude-opus-4'], input: 15, output: 75, cacheRead: 1.5, contextWindow: 200_000 },
  { ids: ['claude-sonnet-5-5'], input: 2, output: 10, cacheRead: 0.1, contextWindow: 1_000_000 },
  { ids: ['claude-sonnet-5'], input: 2, output: 10, cacheRead: 0.2, contextWindow: 1_000_000 },
  { ids: ['claude-sonnet-4-6'], input: 3, output: 15, cacheRead: 0.3, contextWindow: 1_000_000 },
  {
    ids: ['claude-sonnet-4-5', 'claude-sonnet-4'],
    input: 3,
    output: 15,
    cacheRead: 0.3,
    contextWindow: 200_000,
    // The 1M-token context beta: a prompt above 200K tokens is billed entirely at the higher price.
    longPromptTier: { aboveInputTokens: 200_000, input: 6, output: 22.5, cacheRead: 0.6 },
    extendedContext: { beta: 'context-1m-2025-08-07', contextWindow: 1_000_000 },
  },
  {
    ids: ['claude-haiku-5-5'],
    input: 0.1,
    output: 0.5,
    cacheRead: 0.01,
    contextWindow: 1_000_000,
    // Above 100K prompt tokens every token of the request is billed at the higher price.
    longPromptTier: { aboveInputTokens: 100_000, input: 0.5, output: 2.5, cacheRead: 0.05 },
  },
  { ids: ['claude-haiku-4-5'], input: 1, output: 5, cacheRead: 0.1, contextWindow: 200_000 },
  { ids: ['claude-3-5-haiku'], input: 0.8, output: 4, cacheRead: 0.08, contextWindow: 200_000 },
];

function tokenPrices(input: number, output: number, cacheRead: number): TokenPrices {
  return {
    input,
    output,
    cacheWrite5m: input * cacheWrite5mFactor,
    cacheWrite1h: input * cacheWrite1hFactor,
    cacheRead,
  };
}

function toModelPrice(row: Row, modelId: string): ModelPrice {
  const tier = row.longPromptTier;
  return {
    modelId,
    ...tokenPrices(row.input, row.output, row.cacheRead),
    batchMultiplier,
    ...(tier
      ? { longPromptTier: { aboveInputTokens: tier.aboveInputTokens, prices: tokenPrices(tier.input, tier.output, tier.cacheRead) } }
      : {}),
    contextWindow: row.contextWindow,
    ...(row.extendedContext ? { extendedContext: row.extendedContext } : {}),
    source: { kind: 'table', date: ourTableDate },
  };
}

/** Our table, keyed by canonical model id. */
export const ourTable: ReadonlyMap<string, ModelPrice> = new Map(
  rows.flatMap((row) => row.ids.map((id) => [id, toModelPrice(row, id)] as const)),
);
