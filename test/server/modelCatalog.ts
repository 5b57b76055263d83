// The model list the fake server serves on GET /v1/models, paged like the real API:
// newest first, `limit` (default 20, 1..1000), `after_id` / `before_id` cursors, and
// `{ data, has_more, first_id, last_id }`.

/** A `ModelInfo` as the API returns it (fields the SDK 1.12 types declare). */
export interface FakeModelInfo {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
  line: 'haiku' | 'sonnet' | 'opus' | null;
  lifecycle: 'active' | 'deprecated' | 'retired';
  deprecated_at: string | null;
  retires_at: string | null;
  max_input_tokens: number | null;
  max_tokens: number | null;
  capabilities: null;
}

function model(id: string, displayName: string, createdAt: string, maxInput: number, maxOutput: number): FakeModelInfo {
  const line = /opus|sonnet|haiku/.exec(id)?.[0] as FakeModelInfo['line'] | undefined;
  return {
    type: 'model',
    id,
    display_name: displayName,
    created_at: `${createdAt}T00:00:00Z`,
    line: line ?? null,
    lifecycle: 'active',
    deprecated_at: null,
    retires_at: null,
    max_input_tokens: maxInput,
    max_tokens: maxOutput,
    capabilities: null,
  };
}

/** Default catalogue, newest first (ids and context sizes from shared/docs/anthropic-api.md). */
export const defaultModels: readonly FakeModelInfo[] = [
  model('claude-haiku-5-5', 'Claude Haiku 5.5', '2026-10-14', 1_000_000, 64_000),
  model('claude-sonnet-5-5', 'Claude Sonnet 5.5', '2026-10-14', 1_000_000, 128_000),
  model('claude-opus-5-5', 'Claude Opus 5.5', '2026-10-14', 1_000_000, 128_000),
  model('claude-sonnet-5', 'Claude Sonnet 5', '2026-07-08', 1_000_000, 128_000),
  model('claude-opus-5', 'Claude Opus 5', '2026-07-08', 1_000_000, 128_000),
  model('claude-opus-4-8', 'Claude Opus 4.8', '2026-05-12', 1_000_000, 128_000),
  model('claude-opus-4-7', 'Claude Opus 4.7', '2026-03-17', 1_000_000, 128_000),
  model('claude-opus-4-6', 'Claude Opus 4.6', '2026-02-05', 1_000_000, 128_000),
  model('claude-sonnet-4-6', 'Claude Sonnet 4.6', '2026-02-17', 1_000_000, 64_000),
  model('claude-opus-4-5-20251101', 'Claude Opus 4.5', '2025-11-01', 200_000, 64_000),
  model('claude-haiku-4-5-20251001', 'Claude Haiku 4.5', '2025-10-01', 200_000, 64_000),
  model('claude-sonnet-4-5-20250929', 'Claude Sonnet 4.5', '2025-09-29', 200_000, 64_000),
];

export interface ModelPage {
  data: FakeModelInfo[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

/** Thrown for a query the real API rejects with 400 invalid_request_error. */
export class InvalidQueryError extends Error {}

/** One page of `models` for the query string of a GET /v1/models request. */
export function pageModels(models: readonly FakeModelInfo[], query: URLSearchParams): ModelPage {
  const limitText = query.get('limit');
  const limit = limitText === null ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new InvalidQueryError(`limit: Input should be between 1 and 1000`);
  }
  const afterId = query.get('after_id');
  const beforeId = query.get('before_id');
  let start = 0;
  let end = models.length;
  if (afterId !== null) start = indexOf(models, afterId, 'after_id') + 1;
  if (beforeId !== null) end = indexOf(models, beforeId, 'before_id');
  // `before_id` pages backwards: the page is the `limit` items just before the cursor.
  const slice = beforeId !== null && afterId === null ? models.slice(Math.max(start, end - limit), end) : models.slice(start, Math.min(end, start + limit));
  const first = slice.at(0);
  const last = slice.at(-1);
  const hasMore = beforeId !== null && afterId === null ? end - limit > start : start + limit < end;
  return { data: slice, has_more: hasMore, first_id: first?.id ?? null, last_id: last?.id ?? null };
}

function indexOf(models: readonly FakeModelInfo[], id: string, parameter: string): number {
  const index = models.findIndex((candidate) => candidate.id === id);
  if (index < 0) throw new InvalidQueryError(`${parameter}: no model with id ${id}`);
  return index;
}

/** Resolves a dated or undated model id against the catalogue (`claude-sonnet-4-5` -> `claude-sonnet-4-5-20250929`). */
export function findModel(models: readonly FakeModelInfo[], id: string): FakeModelInfo | undefined {
  return models.find((candidate) => candidate.id === id) ?? models.find((candidate) => candidate.id.replace(/-\d{8}$/, '') === id);
}
