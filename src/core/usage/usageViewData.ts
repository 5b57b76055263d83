import { dayKey, lastDays } from './periods';
import type { UsageRecord } from './usageRecord';
import type { Totals } from './usageTotals';
import { dailySpendByModel, inDay, inMonth, totalTokens, totalsByModel } from './usageTotals';
import type { UsageViewData, UsageViewTotals } from './usageViewProtocol';

function row(label: string, totals: Totals): UsageViewTotals {
  return {
    label,
    costUsd: totals.costUsd,
    tokens: totalTokens(totals),
    requests: totals.requests,
    unpricedRequests: totals.unpricedRequests,
    approximateRequests: totals.approximateRequests,
  };
}

/** Everything the usage view shows, from the ledger and the session totals. */
export function buildUsageViewData(
  records: readonly UsageRecord[],
  session: Totals,
  budgets: { dailyUsd: number; monthlyUsd: number },
  now = new Date(),
): UsageViewData {
  const firstDay = lastDays(now, 30)[0];
  const last30 = records.filter((record) => dayKey(new Date(record.time)) >= firstDay);
  const today = totalsByModel(inDay(records, now)).all;
  const month = totalsByModel(inMonth(records, now)).all;
  const byModel = totalsByModel(last30).byModel;
  return {
    generatedAt: now.toISOString(),
    chart: dailySpendByModel(records, now, 30),
    periods: [
      row('This session', session),
      row('Today', today),
      row('This month', month),
      row('Last 30 days', totalsByModel(last30).all),
      row('All time', totalsByModel(records).all),
    ],
    models: [...byModel].sort(([, a], [, b]) => b.costUsd - a.costUsd).map(([model, totals]) => row(model, totals)),
    budgets: { ...budgets, todayUsd: today.costUsd, monthUsd: month.costUsd, todayUnpriced: today.unpricedRequests, monthUnpriced: month.unpricedRequests },
  };
}
