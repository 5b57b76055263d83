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

/**
 * Every request the usage page may send, the one table (none carries fields): the message union, the
 * validator and the host's `UsagePageHandlers` come from it.
 */
export const usagePageVerbs = {
  /** The page has loaded and wants data. */
  ready: true,
  /** The user clicked "Export CSV". */
  exportCsv: true,
  /** The user asked to compare with Anthropic's usage report. */
  reconcile: true,
} as const;

export type UsagePageVerb = keyof typeof usagePageVerbs;

export type FromUsagePage = { type: UsagePageVerb };

/** One handler per verb, so the host cannot forget one. */
export type UsagePageHandlers = Record<UsagePageVerb, () => void>;

/** Validates a message from the page (it is untrusted input): a fresh message, or undefined. */
export function parseFromUsagePage(value: unknown): FromUsagePage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && Object.hasOwn(usagePageVerbs, type) ? { type: type as UsagePageVerb } : undefined;
}
