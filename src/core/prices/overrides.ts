import { canonicalModelId } from './modelIds';
import type { ModelPrice } from './types';

/** The setting users put their own prices in (dollars per million tokens). */
export const overridesSetting = 'claudeApi.prices.overrides';

/** Validated overrides keyed by canonical model id. */
export type PriceOverrides = ReadonlyMap<string, ModelPrice>;

export interface ParsedOverrides {
  overrides: PriceOverrides;
  /** One clear sentence per ignored entry, for the user. */
  problems: string[];
}

const optionalKeys = ['cacheWrite5m', 'cacheWrite1h', 'cacheRead', 'batchMultiplier', 'contextWindow', 'webSearchPerThousand'] as const;
const knownKeys = new Set<string>(['input', 'output', ...optionalKeys]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPrice(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Validates the `claudeApi.prices.overrides` setting. A bad entry is reported and ignored; the good
 * ones still apply. Missing cache prices follow Anthropic's rules (5m write 1.25x input, 1h write 2x,
 * read 0.1x); a missing batch multiplier is 0.5.
 */
export function parsePriceOverrides(value: unknown): ParsedOverrides {
  const overrides = new Map<string, ModelPrice>();
  const problems: string[] = [];
  if (value === undefined || value === null) return { overrides, problems };
  if (!isRecord(value)) {
    problems.push(`${overridesSetting} must be an object mapping model ids to prices; it was ignored.`);
    return { overrides, problems };
  }
  for (const [modelId, entry] of Object.entries(value)) {
    const problem = entryProblem(modelId, entry);
    if (problem) {
      problems.push(`${overridesSetting}["${modelId}"] ${problem}; this entry was ignored.`);
      continue;
    }
    const fields = entry as Record<string, number | undefined>;
    const input = fields.input as number;
    const canonical = canonicalModelId(modelId);
    overrides.set(canonical, {
      modelId: canonical,
      input,
      output: fields.output as number,
      cacheWrite5m: fields.cacheWrite5m ?? input * 1.25,
      cacheWrite1h: fields.cacheWrite1h ?? input * 2,
      cacheRead: fields.cacheRead ?? input * 0.1,
      batchMultiplier: fields.batchMultiplier ?? 0.5,
      ...(fields.contextWindow !== undefined ? { contextWindow: fields.contextWindow } : {}),
      ...(fields.webSearchPerThousand !== undefined ? { serverToolsPerThousand: { webSearch: fields.webSearchPerThousand } } : {}),
      source: { kind: 'override', setting: overridesSetting },
    });
  }
  return { overrides, problems };
}

function entryProblem(modelId: string, entry: unknown): string | undefined {
  if (modelId.trim() === '') return 'has an empty model id';
  if (!isRecord(entry)) return 'must be an object such as { "input": 3, "output": 15 }';
  const unknown = Object.keys(entry).filter((key) => !knownKeys.has(key));
  if (unknown.length > 0) return `has unknown field(s) ${unknown.join(', ')} (known: ${[...knownKeys].join(', ')})`;
  for (const key of ['input', 'output'] as const) {
    if (!isPrice(entry[key])) return `needs "${key}" as a non-negative number of dollars per million tokens`;
  }
  for (const key of optionalKeys) {
    if (entry[key] !== undefined && !isPrice(entry[key])) return `has "${key}" that is not a non-negative number`;
  }
  const batch = entry.batchMultiplier;
  if (typeof batch === 'number' && (batch <= 0 || batch > 1)) return 'has "batchMultiplier" outside (0, 1]';
  return undefined;
}
