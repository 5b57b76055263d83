import * as assert from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { fetchOrganizationReport } from '../../src/core/usage/organizationReport';
import { reconcile, reportRange } from '../../src/core/usage/reconcile';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { costRow, usageRow } from '../server/organizationAnalytics';
import { usageRecord } from './usageRecordFixture';

const adminKey = 'sk-ant-admin01-reconcile-test';

describe("reconciliation with Anthropic's own usage and cost report", () => {
  let server: FakeAnthropic;
  before(async () => (server = await startFakeAnthropic({ validKeys: ['sk-ant-api03-plain'], adminKeys: [adminKey] })));
  after(() => server.close());
  beforeEach(() => server.reset());

  const now = new Date('2026-11-22T15:00:00Z');
  const { days, startingAt, endingAt } = reportRange(now, 3);

  it('covers whole UTC days ending today', () => {
    assert.deepStrictEqual(days, ['2026-11-20', '2026-11-21', '2026-11-22']);
    assert.strictEqual(startingAt, '2026-11-20T00:00:00Z');
    assert.strictEqual(endingAt, '2026-11-23T00:00:00Z');
  });

  it('reads every page of both reports through the SDK and lines them up with the ledger per day and model', async () => {
    // 1,200 usage rows force two pages of 1,000 (the fake pages like the API).
    const filler = Array.from({ length: 1198 }, (_, index) => usageRow('2026-11-20', { model: 'claude-haiku-4-5', api_key_id: `apikey_${index}` }, { output_tokens: 1, requests: 1 }));
    server.setAnalytics({
      usage: [
        usageRow('2026-11-22', { model: 'claude-sonnet-4-5-20250929', api_key_id: 'apikey_ours' }, { uncached_input_tokens: 1000, output_tokens: 200, cache_read_input_tokens: 500, cache_creation: { ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: 400 }, requests: 1 }),
        usageRow('2026-11-21', { model: 'claude-opus-4-7', api_key_id: 'apikey_ci' }, { uncached_input_tokens: 50_000, output_tokens: 1000, requests: 4 }),
        ...filler,
        usageRow('2026-11-01', { model: 'claude-opus-4-7', api_key_id: 'apikey_old' }, { output_tokens: 99, requests: 1 }), // outside the range
      ],
      cost: [
        costRow('2026-11-22', { model: 'claude-sonnet-4-5-20250929', api_key_id: 'apikey_ours' }, 0.01),
        costRow('2026-11-21', { model: 'claude-opus-4-7', api_key_id: 'apikey_ci' }, 0.275),
      ],
    });
    const client = new Anthropic({ apiKey: adminKey, baseURL: server.url, maxRetries: 0 });
    const report = await fetchOrganizationReport(client, { startingAt, endingAt });
    const requests = server.requests.filter((request) => request.path.startsWith('/v1/organizations/analytics/'));
    assert.deepStrictEqual(requests.map((request) => [request.path, request.status]), [
      ['/v1/organizations/analytics/usage', 200],
      ['/v1/organizations/analytics/usage', 200],
      ['/v1/organizations/analytics/cost', 200],
    ]);
    assert.strictEqual(requests[0].query['group_by[]'], 'api_key_id', 'grouped by model and API key (the last of the repeated key)');
    assert.strictEqual(report.usage.length, 1200);

    const ledger = [
      usageRecord({ time: '2026-11-22T10:00:00.000Z' }), // $0.01 of Sonnet 4.5, the same request Anthropic reports
      usageRecord({ time: '2026-11-22T11:00:00.000Z', model: 'claude-haiku-5-5', costUsd: 0.002 }), // not in the report yet
    ];
    const result = reconcile(ledger, report, days);
    const row = (day: string, model: string) => result.rows.find((r) => r.day === day && r.model === model);
    assert.strictEqual(row('2026-11-22', 'claude-sonnet-4-5')?.explanation, 'Match.');
    assert.strictEqual(row('2026-11-22', 'claude-sonnet-4-5')?.reported.tokens, 2400);
    assert.match(row('2026-11-22', 'claude-haiku-5-5')?.explanation ?? '', /Not in Anthropic's report yet/);
    const ci = row('2026-11-21', 'claude-opus-4-7');
    assert.ok(ci && Math.abs(ci.differenceUsd - 0.275) < 1e-9);
    assert.match(ci.explanation, /Not sent from this extension/);
    assert.strictEqual(row('2026-11-20', 'claude-haiku-4-5')?.reported.apiKeys, 1198);
    assert.strictEqual(result.rows.some((r) => r.day === '2026-11-01'), false);
    assert.ok(Math.abs(result.totals.reportedListUsd - 0.285) < 1e-9);
  });

  it('a plain API key is refused (403), as the real Admin API does', async () => {
    const client = new Anthropic({ apiKey: 'sk-ant-api03-plain', baseURL: server.url, maxRetries: 0 });
    await assert.rejects(fetchOrganizationReport(client, { startingAt, endingAt }), (error: { status?: number }) => error.status === 403);
  });
});
