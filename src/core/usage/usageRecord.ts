import type { CostParts } from '../prices/cost';

/** The counts a record carries, in ledger and CSV column order. */
export const usageCountFields = [
  'inputTokens',
  'outputTokens',
  'cacheWrite5mTokens',
  'cacheWrite1hTokens',
  'cacheReadTokens',
  'webSearchRequests',
  'webFetchRequests',
] as const;

export type UsageCounts = Record<(typeof usageCountFields)[number], number>;

/**
 * One request's usage as the meter records it: emitted by `onDidRecordUsage` and stored as one JSON
 * line in the ledger. Token counts follow the API: `inputTokens` excludes cache writes and reads.
 */
export interface UsageRecord extends UsageCounts {
  /** ISO 8601 time the request ended. */
  time: string;
  /** Canonical model id the price is filed under (e.g. `claude-sonnet-4-5`). */
  model: string;
  /** Which feature sent the request (`chat`, ...). */
  source: string;
  outcome: 'completed' | 'aborted' | 'failed';
  /** True when output is an estimate (the stream ended before its final counts). */
  approximate: boolean;
  /** Dollars, or null when the model's price is unknown (never shown as $0). */
  costUsd: number | null;
  /** Dollars per kind (input, output, cache writes 5m/1h, cache reads, web search), when priced. */
  costParts?: CostParts;
  /** Where the price came from (`describePriceSource`), when priced. */
  priceSource?: string;
  /** Server tool uses no source prices, not included in `costUsd`. */
  unpriced?: string[];
  /** Name of the key profile the request was sent with (`dev`, `prod`...), when one was active. */
  profile?: string;
  /** Workspace folder (or multi-root workspace) name of the window that sent the request. */
  folder?: string;
  /** Context window of the model, where known (for the fill gauge). */
  contextWindow?: number;
  requestId?: string;
}
