/**
 * Messages between the extension host and the usage view page (src/webview/usage/main.ts).
 * Imported by both bundles; no `vscode` and no DOM here.
 */
import type { Reconciliation } from '../core/usage/reconcile';
import type { DailySpend } from '../core/usage/usageTotals';

/** A row of totals (a period or a model). */
export interface UsageViewTotals {
  /** What the row covers: `Today`, `This month`, or a model id. */
  label: string;
  costUsd: number;
  tokens: number;
  requests: number;
  /** Requests whose model has no known price (their cost is not in `costUsd`). */
  unpricedRequests: number;
  /** Requests whose output is an estimate (aborted streams). */
  approximateRequests: number;
}

export interface UsageViewData {
  /** ISO time the figures were computed. */
  generatedAt: string;
  /** Daily spend per model for the last 30 days. */
  chart: DailySpend;
  /** Session, today, this month, last 30 days, all time. */
  periods: UsageViewTotals[];
  /** Per model over the last 30 days. */
  models: UsageViewTotals[];
  /** Per key profile this month ("what did prod cost this month?"). */
  profiles: UsageViewTotals[];
  /** Per workspace folder this month. */
  folders: UsageViewTotals[];
  /** Budgets in dollars (0 = none) and what they compare with (unpriced requests are not in the dollars). */
  budgets: UsageViewBudgets & {
    /** Budgets per key profile (`claudeApi.budget.profiles`), each against that profile's spend. */
    profiles: (UsageViewBudgets & { profile: string })[];
  };
}

/** Daily and monthly budgets (0 = none) beside the spend they compare with. */
export interface UsageViewBudgets {
  dailyUsd: number;
  monthlyUsd: number;
  todayUsd: number;
  monthUsd: number;
  /** Requests of the period whose price is unknown: their spend is not in the dollars. */
  todayUnpriced: number;
  monthUnpriced: number;
}

export type ToUsagePage =
  | { type: 'data'; data: UsageViewData }
  /** Our ledger beside Anthropic's own report, per UTC day and model. */
  | { type: 'reconciliation'; data: Reconciliation }
  /** The comparison could not be made (no admin key, network...): said in the view. */
  | { type: 'reconciliationFailed'; message: string };

export type FromUsagePage =
  /** The page has loaded and wants data. */
  | { type: 'ready' }
  /** The user clicked "Export CSV". */
  | { type: 'exportCsv' }
  /** The user asked to compare with Anthropic's usage report. */
  | { type: 'reconcile' };

/** Validates a message from the page (it is untrusted input). */
export function isFromUsagePage(value: unknown): value is FromUsagePage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'exportCsv' || type === 'reconcile';
}
