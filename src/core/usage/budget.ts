import { formatUsd } from './format';

/** Budget warnings at 80 % and 100 % of a daily or monthly budget, each once per period. */

export type BudgetPeriod = 'daily' | 'monthly';

export interface BudgetWarning {
  /** Unique per period and threshold (e.g. `daily:2026-11-22:80`), to remember it was shown. */
  key: string;
  period: BudgetPeriod;
  threshold: 80 | 100;
  spentUsd: number;
  budgetUsd: number;
  /** Requests of the period no source could price: their spend is not in `spentUsd`. */
  unpricedRequests: number;
}

export interface BudgetCheck {
  period: BudgetPeriod;
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
  for (const { period, periodKey, spentUsd, budgetUsd, unpricedRequests } of checks) {
    if (!(budgetUsd > 0)) continue;
    const crossed = ([80, 100] as const).filter((threshold) => spentUsd >= (budgetUsd * threshold) / 100);
    const fresh = crossed.filter((threshold) => !alreadyShown.has(`${period}:${periodKey}:${threshold}`));
    if (fresh.length === 0) continue;
    for (const threshold of fresh) markShown.push(`${period}:${periodKey}:${threshold}`);
    const highest = fresh[fresh.length - 1];
    show.push({ key: `${period}:${periodKey}:${highest}`, period, threshold: highest, spentUsd, budgetUsd, unpricedRequests });
  }
  return { show, markShown };
}

/** The budget warning as one sentence; spend that could not be priced is named, never silently left out. */
export function budgetMessage(warning: BudgetWarning): string {
  const percent = Math.floor((warning.spentUsd / warning.budgetUsd) * 100);
  const verb = warning.threshold === 100 ? 'reached' : 'used 80 % of';
  const unpriced = warning.unpricedRequests > 0 ? ` ${unpricedNote(warning.unpricedRequests)}` : '';
  return `you have ${verb} your ${warning.period} budget: ${formatUsd(warning.spentUsd)} of ${formatUsd(warning.budgetUsd)} (${percent} %).${unpriced}`;
}

/** `Not included: 2 requests whose price is unknown.` */
export function unpricedNote(requests: number): string {
  return `Not included: ${requests} request${requests === 1 ? '' : 's'} whose price is unknown.`;
}
