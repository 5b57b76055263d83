import { formatUsd } from '../figures';

/** Budget warnings at 80 % and 100 % of a daily or monthly budget, each once per period. */

export type BudgetPeriod = 'daily' | 'monthly';

export interface BudgetWarning {
  /** Unique per period, profile and threshold (`daily:2026-11-22:80`, `monthly@prod:2026-11:100`), to remember it was shown. */
  key: string;
  period: BudgetPeriod;
  /** The key profile of a per-profile budget; undefined for the overall budget. */
  profile?: string;
  threshold: 80 | 100;
  spentUsd: number;
  budgetUsd: number;
  /** Requests of the period no source could price: their spend is not in `spentUsd`. */
  unpricedRequests: number;
}

export interface BudgetCheck {
  period: BudgetPeriod;
  /** Set for a per-profile budget (`claudeApi.budget.profiles`): only that profile's requests count. */
  profile?: string;
  /** The period's key (`2026-11-22` or `2026-11`). */
  periodKey: string;
  spentUsd: number;
  /** Budget in dollars; 0 or less means no budget. */
  budgetUsd: number;
  /** Requests of the period whose price is unknown (not in `spentUsd`; the warning says so). */
  unpricedRequests: number;
}

/**
 * The warnings due now that were not shown before. When both thresholds are crossed at once only the
 * 100 % one is returned, but both keys are reported as shown so 80 % never follows late.
 */
export function dueBudgetWarnings(
  checks: BudgetCheck[],
  alreadyShown: ReadonlySet<string>,
): { show: BudgetWarning[]; markShown: string[] } {
  const show: BudgetWarning[] = [];
  const markShown: string[] = [];
  for (const { period, profile, periodKey, spentUsd, budgetUsd, unpricedRequests } of checks) {
    if (!(budgetUsd > 0)) continue;
    const keyOf = (threshold: number) => `${period}${profile === undefined ? '' : `@${profile}`}:${periodKey}:${threshold}`;
    const crossed = ([80, 100] as const).filter((threshold) => spentUsd >= (budgetUsd * threshold) / 100);
    const fresh = crossed.filter((threshold) => !alreadyShown.has(keyOf(threshold)));
    if (fresh.length === 0) continue;
    for (const threshold of fresh) markShown.push(keyOf(threshold));
    const highest = fresh[fresh.length - 1];
    show.push({ key: keyOf(highest), period, ...(profile === undefined ? {} : { profile }), threshold: highest, spentUsd, budgetUsd, unpricedRequests });
  }
  return { show, markShown };
}

/** The budget warning as one sentence; spend that could not be priced is named, never silently left out. */
export function budgetMessage(warning: BudgetWarning): string {
  const percent = Math.floor((warning.spentUsd / warning.budgetUsd) * 100);
  const verb = warning.threshold === 100 ? 'reached' : 'used 80 % of';
  const unpriced = warning.unpricedRequests > 0 ? ` ${unpricedNote(warning.unpricedRequests)}` : '';
  const whose = warning.profile === undefined ? '' : ` for key profile "${warning.profile}"`;
  return `you have ${verb} your ${warning.period} budget${whose}: ${formatUsd(warning.spentUsd)} of ${formatUsd(warning.budgetUsd)} (${percent} %).${unpriced}`;
}

/** `Not included: 2 requests whose price is unknown.` */
export function unpricedNote(requests: number): string {
  return `Not included: ${requests} request${requests === 1 ? '' : 's'} whose price is unknown.`;
}

/** Per-profile budgets in dollars (0 = none), from `claudeApi.budget.profiles`. */
export type ProfileBudgets = ReadonlyMap<string, { dailyUsd: number; monthlyUsd: number }>;

/** Reads `{ "prod": { "daily": 10, "monthly": 100 } }`; entries that are not numbers >= 0 count as no budget. */
export function parseProfileBudgets(value: unknown): ProfileBudgets {
  const budgets = new Map<string, { dailyUsd: number; monthlyUsd: number }>();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return budgets;
  const amount = (entry: unknown) => (typeof entry === 'number' && Number.isFinite(entry) && entry > 0 ? entry : 0);
  for (const [profile, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { daily, monthly } = entry as { daily?: unknown; monthly?: unknown };
    const budget = { dailyUsd: amount(daily), monthlyUsd: amount(monthly) };
    if (budget.dailyUsd > 0 || budget.monthlyUsd > 0) budgets.set(profile, budget);
  }
  return budgets;
}
