/**
 * Prints one benchmark figure in the project's format:
 *   bench <name>: <value> <unit>
 *   bench <name>: <value> <unit> | baseline <value> <unit> | ratio <r>
 * The ratio is value / baseline, so below 1 means faster (for times) than the baseline.
 */
export function report(name: string, value: number, unit: string, baseline?: { value: number; unit?: string }): void {
  let line = `bench ${name}: ${round(value)} ${unit}`;
  if (baseline) {
    const ratio = baseline.value === 0 ? Infinity : value / baseline.value;
    line += ` | baseline ${round(baseline.value)} ${baseline.unit ?? unit} | ratio ${round(ratio)}`;
  }
  console.log(line);
}

function round(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return value.toFixed(digits);
}

/** Median of `runs` timings of `work` in milliseconds, after one warm-up call. */
export function medianMs(runs: number, work: () => void): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
