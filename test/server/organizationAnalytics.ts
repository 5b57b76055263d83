// The Admin API's Usage and Cost Analytics reports (GET /v1/organizations/analytics/usage and /cost) as the
// fake serves them: rows a test sets with `setAnalytics`, filtered to the requested range and paged with
// the report cursor (`page`, `has_more`, `next_page`), in the SDK's own shapes.
import type { BetaAnalyticsCostItem } from '@anthropic-ai/sdk/resources/beta/organization/analytics/cost';
import type { BetaAnalyticsUsageItem } from '@anthropic-ai/sdk/resources/beta/organization/analytics/usage';

export type { BetaAnalyticsCostItem, BetaAnalyticsUsageItem };

/** What the organisation "used", as the reports would return it. */
export interface FakeAnalytics {
  usage: BetaAnalyticsUsageItem[];
  cost: BetaAnalyticsCostItem[];
}

/** The beta header the SDK sends on these routes; the real API refuses the request without it. */
export const analyticsBeta = 'analytics-usage-cost-2026-08-24';

export class InvalidAnalyticsQuery extends Error {}

/** One page of `rows` for the query (`starting_at` required; `ending_at`, `limit` 1-1000 and `page` optional). */
export function analyticsPage<Row extends { starting_at: string }>(
  rows: readonly Row[],
  query: URLSearchParams,
): { data: Row[]; has_more: boolean; next_page: string | null; data_refreshed_at: string } {
  const start = Date.parse(query.get('starting_at') ?? '');
  if (Number.isNaN(start)) throw new InvalidAnalyticsQuery('starting_at: Field required (RFC 3339)');
  const endText = query.get('ending_at');
  const end = endText ? Date.parse(endText) : Number.POSITIVE_INFINITY;
  if (Number.isNaN(end)) throw new InvalidAnalyticsQuery('ending_at: invalid RFC 3339 time');
  const limit = Number(query.get('limit') ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new InvalidAnalyticsQuery('limit: must be between 1 and 1000');
  const offset = Number(query.get('page') ?? 0);
  if (!Number.isInteger(offset) || offset < 0) throw new InvalidAnalyticsQuery('page: invalid cursor');
  const inRange = rows.filter((row) => {
    const at = Date.parse(row.starting_at);
    return at >= start && at < end;
  });
  const data = inRange.slice(offset, offset + limit);
  const more = offset + limit < inRange.length;
  return { data, has_more: more, next_page: more ? String(offset + limit) : null, data_refreshed_at: new Date().toISOString() };
}

/** A usage row with every group dimension null except those given. */
export function usageRow(
  day: string,
  group: Partial<BetaAnalyticsUsageItem['group']>,
  usage: Partial<BetaAnalyticsUsageItem['usage']>,
): BetaAnalyticsUsageItem {
  return {
    starting_at: `${day}T00:00:00Z`,
    ending_at: new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().replace(/\.000Z$/, 'Z'),
    group: { ...nullGroup, ...group },
    usage: {
      uncached_input_tokens: 0,
      output_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      server_tool_use: { web_search_requests: 0 },
      requests: 0,
      total_tokens: 0,
      ...usage,
    },
  };
}

/** A cost row; `dollars` is written as the API does, a string of (fractional) cents. */
export function costRow(day: string, group: Partial<BetaAnalyticsCostItem['group']>, dollars: number, requests: number | null = null): BetaAnalyticsCostItem {
  const cents = (dollars * 100).toFixed(4);
  return {
    starting_at: `${day}T00:00:00Z`,
    ending_at: new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().replace(/\.000Z$/, 'Z'),
    group: { ...nullGroup, token_type: null, cost_type: null, ...group },
    cost: { amount: cents, list_amount: cents, currency: 'USD', requests },
  };
}

const nullGroup = {
  actor: null,
  actor_type: null,
  agent_id: null,
  api_key_id: null,
  claude_tag_category: null,
  claude_tag_user_id: null,
  context_window: null,
  deployment_id: null,
  environment_id: null,
  inference_geo: null,
  model: null,
  organization_id: null,
  product: null,
  rbac_group_id: null,
  service_tier: null,
  session_id: null,
  slack_channel_id: null,
  speed: null,
  user_profile_id: null,
  workspace_id: null,
};
