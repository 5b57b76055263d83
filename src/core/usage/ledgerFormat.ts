import type { UsageRecord } from './usageRecord';
import { usageCountFields } from './usageRecord';

/**
 * The ledger is JSON lines, one `UsageRecord` per line, appended as requests end. Appending a line
 * never rewrites earlier ones, so a crash can damage at most the last line; a damaged line is
 * skipped and reported while every other line is kept.
 */

export function serializeRecord(record: UsageRecord): string {
  return JSON.stringify(record) + '\n';
}

export interface ParsedLedger {
  records: UsageRecord[];
  /** 1-based numbers of lines that could not be read. */
  damagedLines: number[];
}

const partKeys = ['input', 'output', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead', 'webSearch'] as const;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Reads a ledger; blank lines are ignored, unreadable ones listed in `damagedLines`. */
export function parseLedger(text: string): ParsedLedger {
  const records: UsageRecord[] = [];
  const damagedLines: number[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const record = parseRecord(line);
    if (record) records.push(record);
    else damagedLines.push(index + 1);
  });
  return { records, damagedLines };
}

function parseRecord(line: string): UsageRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  if (typeof r.time !== 'string' || Number.isNaN(Date.parse(r.time))) return undefined;
  if (typeof r.model !== 'string' || typeof r.source !== 'string') return undefined;
  if (r.outcome !== 'completed' && r.outcome !== 'aborted' && r.outcome !== 'failed') return undefined;
  if (typeof r.approximate !== 'boolean') return undefined;
  if (!usageCountFields.every((key) => isCount(r[key]))) return undefined;
  if (r.costUsd !== null && !isCount(r.costUsd)) return undefined;
  // Older lines have no profile or folder; a malformed one is dropped, not the request.
  for (const key of ['profile', 'folder'] as const) if (r[key] !== undefined && typeof r[key] !== 'string') delete r[key];
  // A malformed breakdown is dropped, not the request: the total is what budgets and charts use.
  if (r.costParts !== undefined && !(typeof r.costParts === 'object' && r.costParts !== null && partKeys.every((key) => isCount((r.costParts as Record<string, unknown>)[key])))) {
    delete r.costParts;
  }
  return value as UsageRecord;
}
