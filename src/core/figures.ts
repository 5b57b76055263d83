/** Dollars and token counts as people read them: the chat, the status bar, the usage view and the prompt lens all use these. */

/** `$0.42`, `$12.30`; amounts under ten cents keep four decimals (`$0.0031`) so small requests show. */
export function formatUsd(dollars: number): string {
  if (dollars === 0) return '$0.00';
  if (Math.abs(dollars) < 0.1) return `$${dollars.toFixed(4)}`;
  return `$${dollars.toFixed(2)}`;
}

/**
 * A total that may include requests no source prices. What is unknown is never a dollar figure: all
 * unknown reads `price unknown`; a mix reads `$0.42 + price unknown (1 request)` (`$0.42+?` when short,
 * for the status bar). `approximate` prefixes `≈`.
 */
export function formatCost(
  figures: { costUsd: number; requests: number; unpricedRequests: number; approximate?: boolean },
  options: { short?: boolean } = {},
): string {
  const approx = figures.approximate ? '≈' : '';
  if (figures.unpricedRequests === 0) return `${approx}${formatUsd(figures.costUsd)}`;
  if (figures.unpricedRequests >= figures.requests) return 'price unknown';
  if (options.short) return `${approx}${formatUsd(figures.costUsd)}+?`;
  const count = `${figures.unpricedRequests} request${figures.unpricedRequests === 1 ? '' : 's'}`;
  return `${approx}${formatUsd(figures.costUsd)} + price unknown (${count})`;
}

/** `950`, `1.2k`, `118k`, `1.25M`. */
export function formatTokens(tokens: number): string {
  if (tokens < 1000) return String(Math.round(tokens));
  if (tokens < 10_000) return `${(tokens / 1000).toFixed(1)}k`;
  if (tokens < 1_000_000) return `${Math.round(tokens / 1000)}k`;
  if (tokens < 10_000_000) return `${(tokens / 1_000_000).toFixed(2)}M`;
  return `${(tokens / 1_000_000).toFixed(1)}M`;
}

/**
 * Local wall-clock time `14:05:09`. Written out rather than `toLocaleTimeString`: the first locale-aware
 * date format in a process loads ICU data (tens of milliseconds, hundreds on a busy machine), and the
 * status bar tooltip is built during activation.
 */
export function formatClockTime(date: Date): string {
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** Exact count with thousands separators (`118,204`), for tooltips and tables. */
export function formatCount(tokens: number): string {
  return Math.round(tokens).toLocaleString('en-US');
}
