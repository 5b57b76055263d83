import type * as GenaiPrices from '@pydantic/genai-prices';
import { canonicalModelId } from './modelIds';
import type { ModelPrice, PriceSource, TokenPrices } from './types';

/**
 * Prices from the `@pydantic/genai-prices` data snapshot. The package bundles every provider's prices
 * (~480 KB), so it is loaded on first use rather than at activation.
 */

/** Kept in step with node_modules by a unit test (the package does not export its package.json). */
export const genaiPricesVersion = '0.1.8';
/** The package embeds no date; its Anthropic data is of 2026-09 (docs/anthropic-api.md). */
export const genaiPricesDataDate = '2026-09';

export const packageSource: PriceSource = {
  kind: 'package',
  name: '@pydantic/genai-prices',
  version: genaiPricesVersion,
  dataDate: genaiPricesDataDate,
};

type PackagePrices = GenaiPrices.ModelPrice;
type PackageValue = PackagePrices[string];

/** Loads the package synchronously on first call (esbuild keeps a `require` lazy inside the bundle). */
function loadPackage(cache: { lib?: typeof GenaiPrices }): typeof GenaiPrices {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above
  cache.lib ??= require('@pydantic/genai-prices') as typeof GenaiPrices;
  return cache.lib;
}

const loaded: { lib?: typeof GenaiPrices; models?: ReadonlyMap<string, GenaiPrices.ModelInfo> } = {};

/** The package's Anthropic models keyed by our canonical id of their own id. */
function anthropicModels(): ReadonlyMap<string, GenaiPrices.ModelInfo> {
  if (!loaded.models) {
    const provider = loadPackage(loaded).findProvider({ providerId: 'anthropic' });
    loaded.models = new Map((provider?.models ?? []).map((model) => [canonicalModelId(model.id), model]));
  }
  return loaded.models;
}

/** The price set in force at `now` (the package files price changes as start-dated entries). */
function pricesAt(model: GenaiPrices.ModelInfo, now: Date): PackagePrices {
  if (!Array.isArray(model.prices)) return model.prices;
  let current = model.prices[0]?.prices ?? {};
  for (const entry of model.prices) {
    const constraint = entry.constraint;
    if (!constraint) current = entry.prices;
    else if (constraint.type === 'start_date' && now >= new Date(constraint.start_date)) current = entry.prices;
  }
  return current;
}

function base(value: PackageValue): number | undefined {
  if (typeof value === 'number') return value;
  return value?.base;
}

/** The first tier of a tiered price (the package prices every token at the tier once the prompt passes it). */
function firstTier(value: PackageValue): { start: number; price: number } | undefined {
  if (typeof value !== 'object') return undefined;
  return value.tiers[0];
}

/**
 * The package's price for `modelId`, or undefined when it has none. Only an exact match of canonical
 * ids counts: the package's prefix matching would otherwise price `claude-sonnet-5-5` as `claude-sonnet-5`.
 */
export function packageModelPrice(modelId: string, now = new Date()): ModelPrice | undefined {
  const canonical = canonicalModelId(modelId);
  const model = anthropicModels().get(canonical);
  if (!model) return undefined;
  const prices = pricesAt(model, now);
  const input = base(prices.input_mtok);
  const output = base(prices.output_mtok);
  if (input === undefined || output === undefined) return undefined;
  const tokenPrices = (pick: (value: PackageValue) => number | undefined): TokenPrices | undefined => {
    const tier = { input: pick(prices.input_mtok), output: pick(prices.output_mtok) };
    if (tier.input === undefined || tier.output === undefined) return undefined;
    return {
      input: tier.input,
      output: tier.output,
      // Models the package lists without cache prices cannot use caching, so these stand-ins never apply.
      cacheWrite5m: pick(prices.cache_write_mtok) ?? tier.input,
      cacheWrite1h: pick(prices.cache_write_1h_mtok) ?? pick(prices.cache_write_mtok) ?? tier.input,
      cacheRead: pick(prices.cache_read_mtok) ?? tier.input,
    };
  };
  const basePrices = tokenPrices(base);
  if (!basePrices) return undefined;
  const tierStart = firstTier(prices.input_mtok)?.start;
  const tierPrices =
    tierStart === undefined
      ? undefined
      : tokenPrices((value) => (typeof value === 'object' ? (value.tiers.find((t) => t.start === tierStart)?.price ?? value.base) : value));
  const webSearch = typeof prices.web_searches_kcount === 'number' ? prices.web_searches_kcount : undefined;
  return {
    modelId: canonical,
    ...basePrices,
    batchMultiplier: 0.5,
    ...(tierStart !== undefined && tierPrices ? { longPromptTier: { aboveInputTokens: tierStart, prices: tierPrices } } : {}),
    ...(model.context_window ? { contextWindow: model.context_window } : {}),
    ...(webSearch !== undefined ? { serverToolsPerThousand: { webSearch } } : {}),
    source: packageSource,
  };
}
