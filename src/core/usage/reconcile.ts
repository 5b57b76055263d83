import { canonicalModelId } from '../prices/modelIds';
import type { UsageRecord } from './usageRecord';
import { totalTokens } from '../tokenCounts';

/**
 * Our ledger beside what Anthropic itself metered (the Admin API's usage and cost reports), per UTC day
 * and model. The reports count every request of the organisation; the ledger only this extension's, on
 * this machine: a difference is explained, not hidden.
 */

/** One usage row of Anthropic's report, reduced to what is compared. */
export interface ReportedUsage {
  /** UTC day `YYYY-MM-DD` (the reports' time buckets are UTC). */
  day: string;
  /** Model as the report names it; null for usage not tied to a model (code execution). */
  model: string | null;
  apiKeyId: string | null;
  tokens: number;
  requests: number | null;
}

/** One cost row of Anthropic's report, in dollars at list price (before discounts, as our prices are). */
export interface ReportedCost {
  day: string;
  model: string | null;
  apiKeyId: string | null;
  listUsd: number;
  /** What was billed (after discounts, before credits). */
  billedUsd: number;
}

export interface OrganizationReport {
  usage: ReportedUsage[];
  cost: ReportedCost[];
}

export interface ReconciliationRow {
  day: string;
  model: string;
  metered: { requests: number; tokens: number; costUsd: number; unpricedRequests: number };
  reported: { requests: number | null; tokens: number; listUsd: number; billedUsd: number; apiKeys: number };
  /** Anthropic's list-price dollars minus ours. */
  differenceUsd: number;
  /** Why the two differ, in a sentence. */
  explanation: string;
}

export interface Reconciliation {
  days: string[];
  rows: ReconciliationRow[];
  totals: { meteredUsd: number; reportedListUsd: number; reportedBilledUsd: number };
}

/** The `count` UTC days ending with `now`'s, oldest first, and the report range that covers them. */
export function reportRange(now: Date, count: number): { days: string[]; startingAt: string; endingAt: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Array.from({ length: count }, (_, index) => new Date(today - (count - 1 - index) * 86_400_000).toISOString().slice(0, 10));
  return { days, startingAt: `${days[0]}T00:00:00Z`, endingAt: new Date(today + 86_400_000).toISOString().replace(/\.000Z$/, 'Z') };
}

/** A difference this small (a cent, or 1 %) is rounding in one of the two reports. */
function matches(ours: number, theirs: number): boolean {
  return Math.abs(theirs - ours) <= Math.max(0.01, Math.abs(theirs) * 0.01);
}

function explain(row: Omit<ReconciliationRow, 'explanation'>): string {
  const { metered, reported } = row;
  const unpriced = metered.unpricedRequests > 0 ? ` ${metered.unpricedRequests} of our requests have no known price.` : '';
  if (metered.requests === 0) {
    return `Not sent from this extension on this machine: other machines, other tools or keys${reported.apiKeys > 1 ? ` (${reported.apiKeys} API keys)` : ''}, or Message Batches.`;
  }
  if (reported.tokens === 0 && reported.listUsd === 0) {
    return `Not in Anthropic's report yet (it lags by minutes), or sent to another organisation or through a gateway.${unpriced}`;
  }
  if (matches(metered.costUsd, reported.listUsd) && metered.unpricedRequests === 0) return 'Match.';
  if (reported.listUsd > metered.costUsd) {
    return `Anthropic counted more: other machines, tools or keys${reported.apiKeys > 1 ? ` (${reported.apiKeys} API keys used this model)` : ''}, or Message Batches.${unpriced}`;
  }
  return `We metered more: estimated output of stopped replies, requests not in the report yet, or prices that changed.${unpriced}`;
}

/** Lines up the ledger with Anthropic's report per UTC day and model, for the given days. */
export function reconcile(records: readonly UsageRecord[], report: OrganizationReport, days: readonly string[]): Reconciliation {
  const wanted = new Set(days);
  const rows = new Map<string, Omit<ReconciliationRow, 'explanation'> & { keys: Set<string> }>();
  const rowFor = (day: string, model: string) => {
    const key = `${day}|${model}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        day,
        model,
        metered: { requests: 0, tokens: 0, costUsd: 0, unpricedRequests: 0 },
        reported: { requests: null, tokens: 0, listUsd: 0, billedUsd: 0, apiKeys: 0 },
        differenceUsd: 0,
        keys: new Set(),
      };
      rows.set(key, row);
    }
    return row;
  };
  for (const record of records) {
    const day = record.time.slice(0, 10); // ledger times are ISO UTC, like the report's buckets
    if (!wanted.has(day)) continue;
    const row = rowFor(day, canonicalModelId(record.model));
    row.metered.requests += 1;
    row.metered.tokens += totalTokens(record);
    if (record.costUsd === null) row.metered.unpricedRequests += 1;
    else row.metered.costUsd += record.costUsd;
  }
  const modelOf = (model: string | null) => (model === null ? '(no model)' : canonicalModelId(model));
  for (const usage of report.usage) {
    if (!wanted.has(usage.day)) continue;
    const row = rowFor(usage.day, modelOf(usage.model));
    row.reported.tokens += usage.tokens;
    if (usage.requests !== null) row.reported.requests = (row.reported.requests ?? 0) + usage.requests;
    if (usage.apiKeyId) row.keys.add(usage.apiKeyId);
  }
  for (const cost of report.cost) {
    if (!wanted.has(cost.day)) continue;
    const row = rowFor(cost.day, modelOf(cost.model));
    row.reported.listUsd += cost.listUsd;
    row.reported.billedUsd += cost.billedUsd;
    if (cost.apiKeyId) row.keys.add(cost.apiKeyId);
  }
  const result: ReconciliationRow[] = [...rows.values()]
    .map(({ keys, ...row }) => {
      const complete = { ...row, reported: { ...row.reported, apiKeys: keys.size }, differenceUsd: row.reported.listUsd - row.metered.costUsd };
      return { ...complete, explanation: explain(complete) };
    })
    .sort((a, b) => b.day.localeCompare(a.day) || a.model.localeCompare(b.model));
  return {
    days: [...days],
    rows: result,
    totals: {
      meteredUsd: result.reduce((sum, row) => sum + row.metered.costUsd, 0),
      reportedListUsd: result.reduce((sum, row) => sum + row.reported.listUsd, 0),
      reportedBilledUsd: result.reduce((sum, row) => sum + row.reported.billedUsd, 0),
    },
  };
}
