import { formatClockTime, formatCost, formatCount, formatTokens, formatUsd } from '../figures';
import type { RateLimits } from './rateLimits';
import type { UsageRecord } from './usageRecord';
import type { Totals, TotalsByModel } from './usageTotals';
import { promptTokens, totalTokens } from '../tokenCounts';

export interface TooltipInput {
  session: TotalsByModel;
  sessionStarted: Date;
  today: Totals;
  month: Totals;
  lastRequest: UsageRecord | undefined;
  rateLimits: RateLimits | undefined;
  /** Requests streaming right now. */
  inFlight: number;
}

/** Escapes text for Markdown table cells and prose (model ids and sources come from outside). */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (ch) => `\\${ch}`);
}

function cost(totals: Totals): string {
  return formatCost({ ...totals, approximate: totals.approximateRequests > 0 });
}

function cell(tokens: number, dollars: number, priced: boolean): string {
  if (tokens === 0) return '–';
  return `${formatCount(tokens)}${priced ? `<br>${formatUsd(dollars)}` : ''}`;
}

function modelRow(model: string, t: Totals): string {
  // Per-kind dollars only when every request of the row is priced: a partial sum would read as the whole.
  const priced = t.unpricedRequests === 0;
  return `| ${md(model)} | ${cell(t.inputTokens, t.costParts.input, priced)} | ${cell(t.outputTokens, t.costParts.output, priced)} | ${cell(
    t.cacheWrite5mTokens,
    t.costParts.cacheWrite5m,
    priced,
  )} | ${cell(t.cacheWrite1hTokens, t.costParts.cacheWrite1h, priced)} | ${cell(t.cacheReadTokens, t.costParts.cacheRead, priced)} | **${md(cost(t))}** |`;
}

function limitLine(name: string, bucket: { limit?: number; remaining?: number; reset?: string } | undefined): string | undefined {
  if (!bucket) return undefined;
  const remaining = bucket.remaining === undefined ? '?' : formatCount(bucket.remaining);
  const limit = bucket.limit === undefined ? '' : ` of ${formatCount(bucket.limit)}`;
  const reset = bucket.reset ? `, resets ${md(bucket.reset)}` : '';
  return `- ${name}: ${remaining}${limit} left${reset}`;
}

/** `- **Rate limited** (429): retry after 12 s (at 10:00:42)`, when the last response was an error or asked to wait. */
function waitLine(limits: RateLimits): string | undefined {
  if (limits.status === undefined && limits.retryAfterSeconds === undefined) return undefined;
  const what = limits.status === 529 ? 'Overloaded' : limits.status === 429 ? 'Rate limited' : limits.status !== undefined ? 'Error' : 'Asked to wait';
  const status = limits.status !== undefined ? ` (${limits.status})` : '';
  if (limits.retryAfterSeconds === undefined) return `- **${what}**${status}`;
  const from = limits.receivedAt ? Date.parse(limits.receivedAt) : Number.NaN;
  const at = Number.isNaN(from) ? '' : ` (at ${md(formatClockTime(new Date(from + limits.retryAfterSeconds * 1000)))})`;
  return `- **${what}**${status}: retry after ${formatCount(limits.retryAfterSeconds)} s${at}`;
}

/** The status bar tooltip as Markdown (the adapter wraps it in a `MarkdownString`). */
export function usageTooltipMarkdown(input: TooltipInput): string {
  const lines: string[] = [];
  const { session } = input;
  lines.push(`**Claude API usage** · session since ${md(formatClockTime(input.sessionStarted))}`);
  if (input.inFlight > 0) lines.push('', `_${input.inFlight} request(s) streaming: output is estimated until the final counts arrive._`);
  lines.push('');
  if (session.byModel.size === 0) {
    lines.push('No requests this session.');
  } else {
    lines.push('| Model | Input | Output | Cache write 5m | Cache write 1h | Cache read | Cost |', '|---|--:|--:|--:|--:|--:|--:|');
    for (const [model, totals] of [...session.byModel].sort(([a], [b]) => a.localeCompare(b))) lines.push(modelRow(model, totals));
    if (session.byModel.size > 1) lines.push(modelRow('All models', session.all));
  }
  lines.push(
    '',
    `**Today:** ${md(cost(input.today))} · ${formatTokens(totalTokens(input.today))} tok · ${input.today.requests} requests  `,
    `**This month:** ${md(cost(input.month))} · ${formatTokens(totalTokens(input.month))} tok · ${input.month.requests} requests`,
  );
  const last = input.lastRequest;
  if (last) {
    const prompt = promptTokens(last);
    const fill = last.contextWindow
      ? `${((prompt / last.contextWindow) * 100).toFixed(1)} % of the ${formatTokens(last.contextWindow)} context window (${formatCount(prompt)} prompt tokens)`
      : `${formatCount(prompt)} prompt tokens (context window unknown)`;
    const price = last.costUsd === null ? 'price unknown' : `${last.approximate ? '≈' : ''}${formatUsd(last.costUsd)}`;
    lines.push(
      '',
      `**Last request:** ${md(last.model)} · ${md(price)} · ${formatCount(last.outputTokens)} output tokens${last.approximate ? ' (estimated)' : ''} · ${last.outcome}  `,
      `Context: ${md(fill)}  `,
    );
    if (last.unpriced?.length) lines.push(`Not included: ${md(last.unpriced.join(', '))} (unpriced)  `);
    if (last.priceSource) lines.push(`Prices: ${md(last.priceSource)}`);
  }
  const limits = input.rateLimits;
  const limitLines = limits
    ? [
        limitLine('Requests', limits.requests),
        limitLine('Tokens', limits.tokens),
        limitLine('Input tokens', limits.inputTokens),
        limitLine('Output tokens', limits.outputTokens),
      ].filter((line): line is string => line !== undefined)
    : [];
  const wait = limits ? waitLine(limits) : undefined;
  if (wait) limitLines.unshift(wait);
  if (limitLines.length > 0) lines.push('', '**Rate limits** (last response):', ...limitLines);
  lines.push('', 'Click to open the usage view.');
  return lines.join('\n');
}
