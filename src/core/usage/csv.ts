import type { UsageRecord } from './usageRecord';
import { usageCountFields } from './usageRecord';

const columns: (keyof UsageRecord)[] = [
  'time',
  'model',
  'source',
  'outcome',
  'approximate',
  ...usageCountFields,
  'costUsd',
  'priceSource',
  'unpriced',
  'requestId',
  'profile',
  'folder',
];

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula-looking text defused. */
function field(value: UsageRecord[keyof UsageRecord]): string {
  if (value === undefined || value === null) return '';
  let text = Array.isArray(value) ? value.join('; ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Spreadsheets run cells starting with = + - @ as formulas, and skip a leading TAB or CR before looking
  // (OWASP's list); numbers are safe, text gets a quote mark.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The ledger as CSV, one row per request; unknown costs are empty cells, never 0. */
export function recordsToCsv(records: readonly UsageRecord[]): string {
  const rows = [columns.join(',')];
  for (const record of records) rows.push(columns.map((column) => field(record[column])).join(','));
  return rows.join('\r\n') + '\r\n';
}
