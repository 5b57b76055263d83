import type { CostParts } from '../prices/cost';
import { dayKey, lastDays, monthKey } from './periods';
import type { UsageCounts, UsageRecord } from './usageRecord';
import { usageCountFields } from './usageRecord';

/** Token and dollar totals of a set of requests for one model (or all). */
export interface Totals extends UsageCounts {
  requests: number;
  /** Dollars of the priced requests. */
  costUsd: number;
  /** `costUsd` split by kind. */
  costParts: CostParts;
  /** Requests whose model has no known price (not in `costUsd`). */
  unpricedRequests: number;
  /** Requests whose output is an estimate. */
  approximateRequests: number;
}

export function emptyTotals(): Totals {
  return {
    requests: 0,
    ...(Object.fromEntries(usageCountFields.map((field) => [field, 0])) as UsageCounts),
    costUsd: 0,
    costParts: { input: 0, output: 0, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0, webSearch: 0 },
    unpricedRequests: 0,
    approximateRequests: 0,
  };
}

export function addRecord(totals: Totals, record: UsageRecord): void {
  totals.requests += 1;
  for (const field of usageCountFields) totals[field] += record[field];
  if (record.costUsd === null) totals.unpricedRequests += 1;
  else totals.costUsd += record.costUsd;
  if (record.costParts) {
    for (const key of Object.keys(totals.costParts) as (keyof CostParts)[]) totals.costParts[key] += record.costParts[key];
  }
  if (record.approximate) totals.approximateRequests += 1;
}

/** Totals per model plus the sum over all of them. */
export interface TotalsByModel {
  all: Totals;
  byModel: Map<string, Totals>;
}

export function totalsByModel(records: Iterable<UsageRecord>): TotalsByModel {
  const result: TotalsByModel = { all: emptyTotals(), byModel: new Map() };
  for (const record of records) addToTotalsByModel(result, record);
  return result;
}

export function addToTotalsByModel(target: TotalsByModel, record: UsageRecord): void {
  addRecord(target.all, record);
  let model = target.byModel.get(record.model);
  if (!model) target.byModel.set(record.model, (model = emptyTotals()));
  addRecord(model, record);
}

/** Totals per value of `keyOf` (key profile, workspace folder...), largest spend first. */
export function totalsBy(records: Iterable<UsageRecord>, keyOf: (record: UsageRecord) => string): [string, Totals][] {
  const groups = new Map<string, Totals>();
  for (const record of records) {
    const key = keyOf(record);
    let totals = groups.get(key);
    if (!totals) groups.set(key, (totals = emptyTotals()));
    addRecord(totals, record);
  }
  return [...groups].sort(([a, x], [b, y]) => y.costUsd - x.costUsd || a.localeCompare(b));
}

/** Labels of the split for records made before it existed or without a profile / folder. */
export const noProfile = '(no profile)';
export const noFolder = '(no folder)';

/** Records of the local day / month of `now`. */
export function inDay(records: Iterable<UsageRecord>, now: Date): UsageRecord[] {
  const day = dayKey(now);
  return [...records].filter((record) => dayKey(new Date(record.time)) === day);
}

export function inMonth(records: Iterable<UsageRecord>, now: Date): UsageRecord[] {
  const month = monthKey(now);
  return [...records].filter((record) => monthKey(new Date(record.time)) === month);
}

/** Daily spend per model over the `days` days ending today, for the chart. */
export interface DailySpend {
  days: string[];
  models: string[];
  /** `spend[m][d]`: dollars for `models[m]` on `days[d]`. */
  spend: number[][];
}

export function dailySpendByModel(records: Iterable<UsageRecord>, now: Date, days = 30): DailySpend {
  const dayList = lastDays(now, days);
  const dayIndex = new Map(dayList.map((day, index) => [day, index]));
  const perModel = new Map<string, number[]>();
  for (const record of records) {
    const index = dayIndex.get(dayKey(new Date(record.time)));
    if (index === undefined || record.costUsd === null) continue;
    let row = perModel.get(record.model);
    if (!row) perModel.set(record.model, (row = new Array<number>(dayList.length).fill(0)));
    row[index] += record.costUsd;
  }
  const models = [...perModel.keys()].sort();
  return { days: dayList, models, spend: models.map((model) => perModel.get(model) ?? []) };
}
