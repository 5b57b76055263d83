import type { DailySpend } from '../../core/usage/usageTotals';

const svgNs = 'http://www.w3.org/2000/svg';
/** Series colours come from CSS classes (`series-0` ...) bound to the theme's chart colours. */
export const seriesCount = 8;

function svg<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/** A "nice" axis maximum (1, 2 or 5 times a power of ten) at or above `value`. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Axis labels: `$0`, `$0.05`, `$2.50`, `$0.0005` (no trailing zeros beyond cents). */
function axisUsd(value: number): string {
  if (value === 0) return '$0';
  const digits = value >= 0.01 ? 2 : Math.min(6, -Math.floor(Math.log10(value)));
  return `$${value.toFixed(digits)}`;
}

/** Stacked bars of daily spend per model, hand-rolled SVG (no chart library). */
export function renderDailySpendChart(chart: DailySpend, formatUsd: (value: number) => string): SVGSVGElement {
  const width = 720;
  const height = 240;
  const left = 56;
  const bottom = 28;
  const top = 10;
  const plotHeight = height - top - bottom;
  const plotWidth = width - left - 8;
  const dayTotals = chart.days.map((_, d) => chart.spend.reduce((sum, row) => sum + (row[d] ?? 0), 0));
  const max = niceMax(Math.max(0, ...dayTotals));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart' });
  root.setAttribute('aria-label', 'Daily spend per model, last 30 days');
  for (const fraction of [0, 0.5, 1]) {
    const y = top + plotHeight * (1 - fraction);
    root.append(svg('line', { x1: left, x2: width - 8, y1: y, y2: y, class: 'grid' }));
    const label = svg('text', { x: left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' });
    label.textContent = axisUsd(max * fraction);
    root.append(label);
  }
  const slot = plotWidth / chart.days.length;
  const barWidth = Math.max(2, slot * 0.7);
  chart.days.forEach((day, d) => {
    const x = left + d * slot + (slot - barWidth) / 2;
    let y = top + plotHeight;
    chart.models.forEach((model, m) => {
      const value = chart.spend[m]?.[d] ?? 0;
      if (value <= 0) return;
      const h = (value / max) * plotHeight;
      y -= h;
      const bar = svg('rect', { x, y, width: barWidth, height: Math.max(h, 0.5), class: `bar series-${m % seriesCount}` });
      const title = svg('title', {});
      title.textContent = `${day} · ${model}: ${formatUsd(value)}`;
      bar.append(title);
      root.append(bar);
    });
    if (d % 5 === 4 || d === chart.days.length - 1) {
      const label = svg('text', { x: x + barWidth / 2, y: height - 8, class: 'axis', 'text-anchor': 'middle' });
      label.textContent = day.slice(5);
      root.append(label);
    }
  });
  return root;
}
