import { promptTokens } from '../tokenCounts';
import type { ModelPrice, PriceSource, TokenPrices } from './types';

/** The billable quantities of one request (token counts as the API reports them, input excluding cache). */
export interface UsageQuantities {
  /** Uncached input tokens (`input_tokens`: excludes cache writes and reads). */
  inputTokens: number;
  /** Output tokens, thinking included. */
  outputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
  webSearchRequests?: number;
  webFetchRequests?: number;
}

export interface CostParts {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  webSearch: number;
}

export type Cost =
  | { kind: 'unknown'; modelId: string }
  | {
      kind: 'priced';
      modelId: string;
      /** Dollars for everything priced (`unpriced` lists what is not included). */
      totalUsd: number;
      parts: CostParts;
      /** `longPrompt` when the whole prompt passed the model's long-prompt threshold. */
      tier: 'base' | 'longPrompt';
      batch: boolean;
      /** Uses of server tools no source prices (e.g. `2 web fetch requests`); never counted as $0 silently. */
      unpriced: string[];
      source: PriceSource;
      serverToolsSource?: PriceSource;
    };

/**
 * Cost of one request. Message Batches take `batchMultiplier` off every token price (the batch discount
 * stacks with cache pricing); server tool fees are not discounted.
 */
export function costOfUsage(
  usage: UsageQuantities,
  price: ModelPrice | undefined,
  options: { batch?: boolean; modelId?: string } = {},
): Cost {
  if (!price) return { kind: 'unknown', modelId: options.modelId ?? 'unknown model' };
  const tier = price.longPromptTier && promptTokens(usage) > price.longPromptTier.aboveInputTokens ? 'longPrompt' : 'base';
  const rates: TokenPrices = tier === 'longPrompt' && price.longPromptTier ? price.longPromptTier.prices : price;
  const batch = options.batch === true;
  const multiplier = batch ? price.batchMultiplier : 1;
  const perToken = (tokens: number, dollarsPerMillion: number) => (tokens * dollarsPerMillion * multiplier) / 1_000_000;
  const unpriced: string[] = [];
  const searches = usage.webSearchRequests ?? 0;
  const searchFee = price.serverToolsPerThousand?.webSearch;
  if (searches > 0 && searchFee === undefined) unpriced.push(plural(searches, 'web search request'));
  const fetches = usage.webFetchRequests ?? 0;
  if (fetches > 0) unpriced.push(plural(fetches, 'web fetch request'));
  const parts: CostParts = {
    input: perToken(usage.inputTokens, rates.input),
    output: perToken(usage.outputTokens, rates.output),
    cacheWrite5m: perToken(usage.cacheWrite5mTokens, rates.cacheWrite5m),
    cacheWrite1h: perToken(usage.cacheWrite1hTokens, rates.cacheWrite1h),
    cacheRead: perToken(usage.cacheReadTokens, rates.cacheRead),
    webSearch: searchFee === undefined ? 0 : (searches * searchFee) / 1000,
  };
  const totalUsd = parts.input + parts.output + parts.cacheWrite5m + parts.cacheWrite1h + parts.cacheRead + parts.webSearch;
  return {
    kind: 'priced',
    modelId: price.modelId,
    totalUsd,
    parts,
    tier,
    batch,
    unpriced,
    source: price.source,
    ...(price.serverToolsSource && searches > 0 ? { serverToolsSource: price.serverToolsSource } : {}),
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
