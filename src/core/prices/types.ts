/**
 * Price data contract shared by the usage meter and the prompt CodeLens.
 * All prices are US dollars per million tokens, first-party API.
 */

/** Where a price came from, so every figure can say it. */
export type PriceSource =
  | { kind: 'package'; name: string; version: string; dataDate?: string }
  | { kind: 'table'; date: string }
  | { kind: 'override'; setting: string };

export interface TokenPrices {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

export interface ModelPrice extends TokenPrices {
  /** The canonical id the price is filed under (e.g. `claude-sonnet-4-5` for `claude-sonnet-4-5-20250929`). */
  modelId: string;
  /** Message Batches multiply input and output prices by this (0.5 = 50 % off). */
  batchMultiplier: number;
  /**
   * Long-prompt tier (Haiku 5.5; Sonnet 4 and 4.5 past 200K with the 1M beta): when the whole prompt (input + cache writes + cache reads) is above
   * `aboveInputTokens`, every token of the request is priced at `prices`.
   */
  longPromptTier?: { aboveInputTokens: number; prices: TokenPrices };
  /** Context window in tokens, where known. */
  contextWindow?: number;
  /** A larger context window a beta header unlocks (Sonnet 4 and 4.5: `context-1m-2025-08-07`). */
  extendedContext?: { beta: string; contextWindow: number };
  /**
   * Server tool fees in dollars per 1,000 uses, where a source prices them. A tool missing here is
   * "unpriced": its uses are reported as such, never silently counted as $0.
   */
  serverToolsPerThousand?: { webSearch?: number };
  /** Where the server tool fees came from when that differs from `source` (our table has none of its own). */
  serverToolsSource?: PriceSource;
  source: PriceSource;
}
