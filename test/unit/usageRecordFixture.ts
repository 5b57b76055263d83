import type { UsageRecord } from '../../src/core/usage/usageRecord';

/** A priced, completed chat record with every count set, so usage tests state only what they vary. */
export function usageRecord(overrides: Partial<UsageRecord> = {}): UsageRecord {
  return {
    time: '2026-11-22T10:00:00.000Z',
    model: 'claude-sonnet-4-5',
    source: 'chat',
    outcome: 'completed',
    approximate: false,
    inputTokens: 1000,
    outputTokens: 200,
    cacheWrite5mTokens: 300,
    cacheWrite1hTokens: 400,
    cacheReadTokens: 500,
    webSearchRequests: 0,
    webFetchRequests: 0,
    costUsd: 0.01,
    costParts: { input: 0.003, output: 0.003, cacheWrite5m: 0.001125, cacheWrite1h: 0.0024, cacheRead: 0.00015, webSearch: 0 },
    ...overrides,
  };
}
