/**
 * The token counts every usage shape carries (a ledger record, totals, a live request summary, a prompt
 * estimate), in the API's sense: `inputTokens` excludes cache writes and cache reads.
 */
export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
}

/** The whole prompt: uncached input plus cache writes plus cache reads. */
export function promptTokens(counts: Omit<TokenCounts, 'outputTokens'>): number {
  return counts.inputTokens + counts.cacheWrite5mTokens + counts.cacheWrite1hTokens + counts.cacheReadTokens;
}

/** Every token: the prompt plus the output. */
export function totalTokens(counts: TokenCounts): number {
  return promptTokens(counts) + counts.outputTokens;
}
