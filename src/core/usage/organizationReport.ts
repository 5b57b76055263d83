import type { Cost, CostListParams } from '@anthropic-ai/sdk/resources/beta/organization/analytics/cost';
import type { Usage, UsageListParams } from '@anthropic-ai/sdk/resources/beta/organization/analytics/usage';
import type { OrganizationReport } from './reconcile';

/** The part of the SDK client the reconciliation uses (any client built with an Admin API key). */
export interface AnalyticsClient {
  beta: { organization: { analytics: { usage: Pick<Usage, 'list'>; cost: Pick<Cost, 'list'> } } };
}

/** Amounts in the cost report are strings of (fractional) cents. */
function dollars(cents: string): number {
  const value = Number(cents);
  return Number.isFinite(value) ? value / 100 : 0;
}

/**
 * Anthropic's usage and cost for `[startingAt, endingAt)`, per UTC day, model and API key, every page read
 * (the SDK pages the report cursor). Needs an Admin API key.
 */
export async function fetchOrganizationReport(
  client: AnalyticsClient,
  range: { startingAt: string; endingAt: string },
  signal?: AbortSignal,
): Promise<OrganizationReport> {
  const query = {
    starting_at: range.startingAt,
    ending_at: range.endingAt,
    time_bucket_width: '1d',
    group_by: ['model', 'api_key_id'],
    limit: 1000,
  } satisfies UsageListParams & CostListParams;
  const report: OrganizationReport = { usage: [], cost: [] };
  for await (const row of client.beta.organization.analytics.usage.list(query, { signal })) {
    const u = row.usage;
    const cache = u.cache_creation;
    report.usage.push({
      day: row.starting_at.slice(0, 10),
      model: row.group.model,
      apiKeyId: row.group.api_key_id,
      tokens: u.uncached_input_tokens + u.output_tokens + u.cache_read_input_tokens + (cache.ephemeral_5m_input_tokens ?? 0) + (cache.ephemeral_1h_input_tokens ?? 0),
      requests: u.requests,
    });
  }
  const costPages = client.beta.organization.analytics.cost.list(query, { signal });
  for await (const row of costPages) {
    report.cost.push({ day: row.starting_at.slice(0, 10), model: row.group.model, apiKeyId: row.group.api_key_id, listUsd: dollars(row.cost.list_amount), billedUsd: dollars(row.cost.amount) });
  }
  return report;
}
