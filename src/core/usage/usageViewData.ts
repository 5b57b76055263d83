import { dayKey, lastDays } from './periods';
import type { UsageRecord } from './usageRecord';
import type { Totals } from './usageTotals';
import { totalTokens } from '../tokenCounts';
import { dailySpendByModel, inDay, inMonth, noFolder, noProfile, totalsBy, totalsByModel } from './usageTotals';
import type { ProfileBudgets } from './budget';
import type { UsageViewData, UsageViewTotals } from '../../shared/usageProtocol';

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
  budgets: { dailyUsd: number; monthlyUsd: number; profiles?: ProfileBudgets },
  now = new Date(),
): UsageViewData {
  const firstDay = lastDays(now, 30)[0];
  const last30 = records.filter((record) => dayKey(new Date(record.time)) >= firstDay);
  const today = totalsByModel(inDay(records, now)).all;
  const monthRecords = inMonth(records, now);
  const month = totalsByModel(monthRecords).all;
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
    profiles: totalsBy(monthRecords, (record) => record.profile ?? noProfile).map(([label, totals]) => row(label, totals)),
    folders: totalsBy(monthRecords, (record) => record.folder ?? noFolder).map(([label, totals]) => row(label, totals)),
    budgets: {
      dailyUsd: budgets.dailyUsd,
      monthlyUsd: budgets.monthlyUsd,
      todayUsd: today.costUsd,
      monthUsd: month.costUsd,
      todayUnpriced: today.unpricedRequests,
      monthUnpriced: month.unpricedRequests,
      profiles: [...(budgets.profiles ?? [])].map(([profile, budget]) => {
        const mine = monthRecords.filter((record) => record.profile === profile);
        const day = totalsByModel(inDay(mine, now)).all;
        const all = totalsByModel(mine).all;
        return { profile, ...budget, todayUsd: day.costUsd, monthUsd: all.costUsd, todayUnpriced: day.unpricedRequests, monthUnpriced: all.unpricedRequests };
      }),
    },
  };
}
