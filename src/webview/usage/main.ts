import { unpricedNote } from '../../core/usage/budget';
import { formatCost, formatCount, formatTokens, formatUsd } from '../../core/figures';
import type { Reconciliation } from '../../core/usage/reconcile';
import type { FromUsagePage, ToUsagePage, UsageViewData, UsageViewTotals } from '../../shared/usageProtocol';
import { vscodeApi } from '../vscodeApi';
import { renderDailySpendChart, seriesCount } from './chart';

const api = vscodeApi<undefined>();

function send(message: FromUsagePage): void {
  api.postMessage(message);
}

function el<K extends keyof HTMLElementTagNameMap>(name: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(name);
  if (text !== undefined) element.textContent = text;
  if (className) element.className = className;
  return element;
}

function cost(row: UsageViewTotals): string {
  return formatCost({ ...row, approximate: row.approximateRequests > 0 });
}

function table(caption: string, rows: UsageViewTotals[], firstColumn: string, series?: (label: string) => number): HTMLTableElement {
  const result = el('table');
  result.append(el('caption', caption));
  const head = el('tr');
  for (const title of [firstColumn, 'Cost', 'Tokens', 'Requests']) head.append(el('th', title));
  result.append(head);
  for (const row of rows) {
    const tr = el('tr');
    const label = el('td');
    const index = series?.(row.label) ?? -1;
    if (index >= 0) label.append(el('span', '', `swatch series-${index % seriesCount}`));
    label.append(document.createTextNode(row.label));
    tr.append(label, el('td', cost(row), 'num'), el('td', formatCount(row.tokens), 'num'), el('td', formatCount(row.requests), 'num'));
    tr.title = `${formatTokens(row.tokens)} tokens`;
    result.append(tr);
  }
  return result;
}

function budgetLine(label: string, spent: number, budget: number, unpriced: number): HTMLElement | undefined {
  if (budget <= 0) return undefined;
  const percent = Math.round((spent / budget) * 100);
  const note = unpriced > 0 ? ` ${unpricedNote(unpriced)}` : '';
  const line = el('p', `${label}: ${formatUsd(spent)} of ${formatUsd(budget)} (${percent} %).${note}`, percent >= 100 ? 'budget over' : percent >= 80 ? 'budget near' : 'budget');
  const meter = el('meter');
  meter.min = 0;
  meter.max = budget;
  meter.low = budget * 0.8;
  meter.high = budget;
  meter.value = Math.min(spent, budget);
  line.prepend(meter);
  return line;
}

/** Kept across data refreshes: the comparison is fetched on request, not with every new request. */
const comparison = el('section');
comparison.id = 'reconciliation';
showComparison(undefined);

/** The comparison with Anthropic's report: a button, then the table per UTC day and model. */
function showComparison(result: Reconciliation | string | undefined): void {
  const button = el('button', result === undefined ? "Compare with Anthropic's report…" : 'Compare again');
  button.id = 'reconcile';
  button.addEventListener('click', () => send({ type: 'reconcile' }));
  const intro = el(
    'p',
    "What Anthropic metered for your whole organisation (Admin API usage and cost report, UTC days, list prices) beside this extension's ledger on this machine. Needs an Admin API key.",
    'muted',
  );
  const parts: HTMLElement[] = [el('h2', "Compared with Anthropic's report"), intro, button];
  if (typeof result === 'string') parts.push(el('p', result, 'budget over'));
  else if (result) parts.push(reconciliationTable(result));
  comparison.replaceChildren(...parts);
}

function reconciliationTable(result: Reconciliation): HTMLElement {
  if (result.rows.length === 0) return el('p', `No usage on either side from ${result.days[0]} to ${result.days.at(-1)} (UTC).`, 'muted');
  const tableElement = el('table');
  tableElement.append(el('caption', `${result.days[0]} to ${result.days.at(-1)} (UTC): metered here ${formatUsd(result.totals.meteredUsd)}, Anthropic ${formatUsd(result.totals.reportedListUsd)} at list price (${formatUsd(result.totals.reportedBilledUsd)} billed)`));
  const head = el('tr');
  for (const title of ['Day', 'Model', 'Metered here', 'Anthropic', 'Difference', 'Why']) head.append(el('th', title));
  tableElement.append(head);
  for (const row of result.rows) {
    const tr = el('tr');
    const ours = row.metered.requests === 0 ? '–' : `${formatCost({ costUsd: row.metered.costUsd, requests: row.metered.requests, unpricedRequests: row.metered.unpricedRequests })} · ${formatTokens(row.metered.tokens)} tok`;
    const theirs = row.reported.tokens === 0 && row.reported.listUsd === 0 ? '–' : `${formatUsd(row.reported.listUsd)} · ${formatTokens(row.reported.tokens)} tok`;
    const sign = row.differenceUsd > 0 ? '+' : row.differenceUsd < 0 ? '−' : '';
    tr.append(el('td', row.day), el('td', row.model), el('td', ours, 'num'), el('td', theirs, 'num'), el('td', `${sign}${formatUsd(Math.abs(row.differenceUsd))}`, 'num'), el('td', row.explanation));
    tableElement.append(tr);
  }
  return tableElement;
}

function render(data: UsageViewData): void {
  const app = document.getElementById('app');
  if (!app) return;
  const header = el('header');
  header.append(el('h1', 'Claude API usage'));
  const exportButton = el('button', 'Export CSV…');
  exportButton.id = 'export-csv';
  exportButton.addEventListener('click', () => send({ type: 'exportCsv' }));
  header.append(exportButton);

  const chartSection = el('section');
  chartSection.append(el('h2', 'Daily spend per model, last 30 days'));
  const hasSpend = data.chart.spend.some((row) => row.some((value) => value > 0));
  chartSection.append(hasSpend ? renderDailySpendChart(data.chart, formatUsd) : el('p', 'No priced requests in the last 30 days.', 'muted'));

  const budgets = el('section');
  const daily = budgetLine('Daily budget', data.budgets.todayUsd, data.budgets.dailyUsd, data.budgets.todayUnpriced);
  const monthly = budgetLine('Monthly budget', data.budgets.monthUsd, data.budgets.monthlyUsd, data.budgets.monthUnpriced);
  const perProfile = data.budgets.profiles.flatMap((budget) => [
    budgetLine(`Daily budget of "${budget.profile}"`, budget.todayUsd, budget.dailyUsd, budget.todayUnpriced),
    budgetLine(`Monthly budget of "${budget.profile}"`, budget.monthUsd, budget.monthlyUsd, budget.monthUnpriced),
  ]);
  const lines = [daily, monthly, ...perProfile].filter((line): line is HTMLElement => line !== undefined);
  if (lines.length > 0) budgets.append(el('h2', 'Budgets'), ...lines);

  const footer = el('p', `Updated ${new Date(data.generatedAt).toLocaleString()}. ≈ marks estimated output (stopped replies); unpriced requests are not in the totals.`, 'muted');
  app.replaceChildren(header, chartSection, table('Totals', data.periods, 'Period'), table('By model, last 30 days', data.models, 'Model', (model) => data.chart.models.indexOf(model)), table('By key profile, this month', data.profiles, 'Profile'), table('By workspace folder, this month', data.folders, 'Folder'), budgets, comparison, footer);
}

window.addEventListener('message', (event: MessageEvent<ToUsagePage>) => {
  const message = event.data;
  if (message?.type === 'data') render(message.data);
  else if (message?.type === 'reconciliation') showComparison(message.data);
  else if (message?.type === 'reconciliationFailed') showComparison(`Could not compare: ${message.message}`);
});
send({ type: 'ready' });
