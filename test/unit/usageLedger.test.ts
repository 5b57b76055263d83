import * as assert from 'node:assert';
import { lookupModelPrice } from '../../src/core/prices/lookup';
import { budgetMessage, dueBudgetWarnings, parseProfileBudgets } from '../../src/core/usage/budget';
import { RequestTracker } from '../../src/core/usage/requestTracker';
import { buildUsageViewData } from '../../src/core/usage/usageViewData';
import { recordsToCsv } from '../../src/core/usage/csv';
import { formatClockTime, formatCost, formatTokens, formatUsd } from '../../src/core/figures';
import { parseLedger, serializeRecord } from '../../src/core/usage/ledgerFormat';
import { dayKey, lastDays } from '../../src/core/usage/periods';
import type { UsageRecord } from '../../src/core/usage/usageRecord';
import { totalTokens } from '../../src/core/tokenCounts';
import { dailySpendByModel, inDay, inMonth, totalsByModel } from '../../src/core/usage/usageTotals';

function record(overrides: Partial<UsageRecord> = {}): UsageRecord {
  return {
    time: new Date(2026, 10, 22, 10, 0).toISOString(),
    model: 'claude-sonnet-4-5',
    source: 'chat',
    outcome: 'completed',
    approximate: false,
    inputTokens: 100,
    outputTokens: 50,
    cacheWrite5mTokens: 10,
    cacheWrite1hTokens: 20,
    cacheReadTokens: 30,
    webSearchRequests: 0,
    webFetchRequests: 0,
    costUsd: 0.25,
    ...overrides,
  };
}

describe('usage ledger', () => {
  it('round-trips records as JSON lines', () => {
    const records = [record(), record({ model: 'claude-opus-4-7', costUsd: null })];
    const parsed = parseLedger(records.map(serializeRecord).join(''));
    assert.deepStrictEqual(parsed, { records, damagedLines: [] });
  });

  it('skips damaged lines, reports their numbers and keeps the rest', () => {
    const text = [
      serializeRecord(record({ costUsd: 1 })),
      '{"time": "2026-11-22T10:00:00Z", "model": "claude-sonnet-4-5", "sou\n', // truncated write
      '\n',
      '{"time":"not a date","model":"m","source":"chat","outcome":"completed","approximate":false}\n',
      JSON.stringify({ ...record(), outputTokens: -3 }) + '\n',
      serializeRecord(record({ costUsd: 2 })),
    ].join('');
    const parsed = parseLedger(text);
    assert.deepStrictEqual(parsed.records.map((r) => r.costUsd), [1, 2]);
    assert.deepStrictEqual(parsed.damagedLines, [2, 4, 5]);
  });

  it('totals per model, never counting an unknown price as $0', () => {
    const totals = totalsByModel([record(), record({ costUsd: 0.5 }), record({ model: 'claude-nova', costUsd: null, approximate: true })]);
    assert.strictEqual(totals.all.requests, 3);
    assert.strictEqual(totals.all.costUsd, 0.75);
    assert.strictEqual(totals.all.unpricedRequests, 1);
    assert.strictEqual(totals.all.approximateRequests, 1);
    assert.strictEqual(totals.byModel.get('claude-sonnet-4-5')?.requests, 2);
    assert.strictEqual(totalTokens(totals.all), 3 * (100 + 50 + 10 + 20 + 30));
  });

  it('selects today and this month in local time', () => {
    const now = new Date(2026, 10, 22, 18, 0);
    const records = [
      record({ time: new Date(2026, 10, 22, 0, 5).toISOString() }),
      record({ time: new Date(2026, 10, 21, 23, 55).toISOString() }),
      record({ time: new Date(2026, 9, 31, 12, 0).toISOString() }),
    ];
    assert.strictEqual(inDay(records, now).length, 1);
    assert.strictEqual(inMonth(records, now).length, 2);
  });

  it('charts daily spend per model for the last 30 days', () => {
    const now = new Date(2026, 10, 22, 18, 0);
    const days = lastDays(now, 30);
    assert.strictEqual(days.length, 30);
    assert.strictEqual(days[29], '2026-11-22');
    assert.strictEqual(days[0], '2026-10-24');
    const chart = dailySpendByModel(
      [
        record({ costUsd: 1 }),
        record({ costUsd: 2 }),
        record({ model: 'claude-haiku-4-5', costUsd: 0.5, time: new Date(2026, 10, 20, 9).toISOString() }),
        record({ costUsd: 9, time: new Date(2026, 9, 1).toISOString() }), // older than 30 days
        record({ model: 'claude-nova', costUsd: null }),
      ],
      now,
    );
    assert.deepStrictEqual(chart.models, ['claude-haiku-4-5', 'claude-sonnet-4-5']);
    assert.strictEqual(chart.spend[1][29], 3);
    assert.strictEqual(chart.spend[0][27], 0.5);
    assert.strictEqual(chart.spend[1].reduce((a, b) => a + b, 0), 3);
    assert.strictEqual(dayKey(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  });
});

describe('budget warnings', () => {
  const check = (spentUsd: number, periodKey = '2026-11-22') => ({ period: 'daily' as const, periodKey, spentUsd, budgetUsd: 10, unpricedRequests: 0 });

  it('warns at 80 % and at 100 %, each once per period', () => {
    const shown = new Set<string>();
    const apply = (spent: number, key?: string) => {
      const due = dueBudgetWarnings([check(spent, key)], shown);
      due.markShown.forEach((k) => shown.add(k));
      return due.show.map((w) => w.threshold);
    };
    assert.deepStrictEqual(apply(7.99), []);
    assert.deepStrictEqual(apply(8), [80]);
    assert.deepStrictEqual(apply(9), []);
    assert.deepStrictEqual(apply(10.5), [100]);
    assert.deepStrictEqual(apply(12), []);
    assert.deepStrictEqual(apply(12, '2026-11-23'), [100], 'a new day starts over; jumping past both shows only 100 %');
    assert.deepStrictEqual(apply(12, '2026-11-23'), []);
  });

  it('ignores periods without a budget', () => {
    assert.deepStrictEqual(dueBudgetWarnings([{ period: 'monthly', periodKey: '2026-11', spentUsd: 99, budgetUsd: 0, unpricedRequests: 0 }], new Set()).show, []);
  });

  it('says how many requests of the period it could not price', () => {
    const { show } = dueBudgetWarnings([{ period: 'monthly', periodKey: '2026-11', spentUsd: 9, budgetUsd: 10, unpricedRequests: 3 }], new Set());
    assert.strictEqual(show.length, 1);
    assert.strictEqual(budgetMessage(show[0]), 'you have used 80 % of your monthly budget: $9.00 of $10.00 (90 %). Not included: 3 requests whose price is unknown.');
    const view = buildUsageViewData([record({ costUsd: null, time: new Date().toISOString() })], totalsByModel([]).all, { dailyUsd: 5, monthlyUsd: 50 });
    assert.strictEqual(view.budgets.todayUnpriced, 1);
    assert.strictEqual(view.budgets.monthUnpriced, 1);
  });
});

describe('unknown cost is never a number', () => {
  it('reads "price unknown" when nothing is priced and names the unpriced part of a mix', () => {
    assert.strictEqual(formatCost({ costUsd: 0, requests: 2, unpricedRequests: 2 }), 'price unknown');
    assert.strictEqual(formatCost({ costUsd: 0, requests: 1, unpricedRequests: 1 }, { short: true }), 'price unknown');
    assert.strictEqual(formatCost({ costUsd: 0.42, requests: 3, unpricedRequests: 1 }), '$0.42 + price unknown (1 request)');
    assert.strictEqual(formatCost({ costUsd: 0.42, requests: 3, unpricedRequests: 1, approximate: true }, { short: true }), '≈$0.42+?');
    assert.strictEqual(formatCost({ costUsd: 0, requests: 0, unpricedRequests: 0 }), '$0.00');
  });
});

describe('usage CSV and formatting', () => {
  it('writes one row per request, unknown cost as an empty cell and defuses formulas', () => {
    const csv = recordsToCsv([record({ costUsd: null, source: '=HYPERLINK("x")' }), record({ unpriced: ['2 web fetch requests'] })]);
    const lines = csv.trimEnd().split('\r\n');
    assert.strictEqual(lines.length, 3);
    assert.ok(lines[0].startsWith('time,model,source,outcome,approximate,inputTokens'));
    const first = lines[1].split(',');
    assert.strictEqual(first[12], '', 'costUsd of an unknown price stays empty');
    assert.ok(lines[1].includes(`"'=HYPERLINK(""x"")"`));
    assert.ok(lines[2].includes(',0.25,'));
    assert.ok(lines[2].includes('2 web fetch requests'));
  });

  it('defuses a formula behind a leading TAB or CR, which spreadsheets skip', () => {
    const csv = recordsToCsv([record({ model: '\t=cmd|"/c calc"!A1' }), record({ model: '\r@SUM(A1)' })]);
    const [, tab, cr] = csv.split('\r\n');
    assert.ok(tab.includes(`,"'\t=cmd|""/c calc""!A1",`), JSON.stringify(tab));
    assert.ok(cr.includes(`"'\r@SUM(A1)"`), JSON.stringify(cr));
  });

  it('formats dollars and tokens for the status bar', () => {
    assert.strictEqual(formatUsd(0.42), '$0.42');
    assert.strictEqual(formatUsd(0.0031), '$0.0031');
    assert.strictEqual(formatUsd(0), '$0.00');
    assert.strictEqual(formatUsd(12.3), '$12.30');
    assert.strictEqual(formatTokens(950), '950');
    assert.strictEqual(formatTokens(1234), '1.2k');
    assert.strictEqual(formatTokens(118_204), '118k');
    assert.strictEqual(formatTokens(1_250_000), '1.25M');
  });

  it('writes the session start as local 24-hour time, as en-GB does', () => {
    for (const date of [new Date(2026, 11, 2, 3, 4, 5), new Date(2026, 11, 2, 23, 59, 0), new Date(2026, 0, 1, 0, 0, 9)]) {
      assert.strictEqual(formatClockTime(date), date.toLocaleTimeString('en-GB'));
    }
  });
});

describe('usage split by key profile and workspace folder', () => {
  const now = new Date();
  const at = now.toISOString();

  it('the tracker stamps profile and folder on the record, and the ledger keeps them (older lines have none)', () => {
    const recorded: UsageRecord[] = [];
    const tracker = new RequestTracker(
      { model: 'claude-haiku-4-5', source: 'chat', profile: 'prod', folder: 'billing-service' },
      { price: (id) => lookupModelPrice(id), now: () => now, onProgress: () => undefined, onEnd: (r) => recorded.push(r), onRateLimits: () => undefined },
    );
    tracker.onStreamEvent({ type: 'message_start', message: { model: 'claude-haiku-4-5', usage: { input_tokens: 1000, output_tokens: 1 } } });
    tracker.end('completed');
    const older = serializeRecord(record({ time: at })).replace(/\n$/, '');
    const { records } = parseLedger(`${serializeRecord(recorded[0])}${older}\n${JSON.stringify({ ...record({ time: at }), profile: 42 })}\n`);
    assert.deepStrictEqual(records.map((r) => [r.profile, r.folder]), [['prod', 'billing-service'], [undefined, undefined], [undefined, undefined]]);
  });

  it('the usage view answers "what did prod cost this month?" and splits by folder', () => {
    const records = [
      record({ time: at, profile: 'prod', folder: 'api', costUsd: 2 }),
      record({ time: at, profile: 'prod', folder: 'web', costUsd: 3 }),
      record({ time: at, profile: 'dev', folder: 'api', costUsd: 1 }),
      record({ time: at, costUsd: 0.5 }),
      record({ time: '2020-01-01T10:00:00.000Z', profile: 'prod', costUsd: 100 }),
    ];
    const view = buildUsageViewData(records, totalsByModel([]).all, { dailyUsd: 0, monthlyUsd: 0, profiles: new Map([['prod', { dailyUsd: 0, monthlyUsd: 4 }]]) }, now);
    assert.deepStrictEqual(view.profiles.map((row) => [row.label, row.costUsd, row.requests]), [['prod', 5, 2], ['dev', 1, 1], ['(no profile)', 0.5, 1]]);
    assert.deepStrictEqual(view.folders.map((row) => [row.label, row.costUsd]), [['api', 3], ['web', 3], ['(no folder)', 0.5]]);
    assert.deepStrictEqual(view.budgets.profiles.map((b) => [b.profile, b.monthUsd, b.monthlyUsd]), [['prod', 5, 4]]);
  });

  it('a per-profile budget counts only that profile and warns once per period under its own key', () => {
    const checks = [
      { period: 'monthly' as const, profile: 'prod', periodKey: '2026-11', spentUsd: 5, budgetUsd: 4, unpricedRequests: 0 },
      { period: 'monthly' as const, periodKey: '2026-11', spentUsd: 5, budgetUsd: 100, unpricedRequests: 0 },
    ];
    const first = dueBudgetWarnings(checks, new Set());
    assert.deepStrictEqual(first.show.map((w) => w.key), ['monthly@prod:2026-11:100']);
    assert.strictEqual(budgetMessage(first.show[0]), 'you have reached your monthly budget for key profile "prod": $5.00 of $4.00 (125 %).');
    assert.deepStrictEqual(dueBudgetWarnings(checks, new Set(first.markShown)).show, []);
    assert.deepStrictEqual([...parseProfileBudgets({ prod: { monthly: 100 }, dev: { daily: -1 }, bad: 3 })], [['prod', { dailyUsd: 0, monthlyUsd: 100 }]]);
  });

  it('the CSV carries profile and folder columns', () => {
    const lines = recordsToCsv([record({ profile: 'prod', folder: 'api' })]).trimEnd().split('\r\n');
    assert.ok(lines[0].endsWith(',profile,folder'));
    assert.ok(lines[1].endsWith(',prod,api'));
  });
});
