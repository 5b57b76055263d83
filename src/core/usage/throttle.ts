/** Timer functions, injectable so the throttle can be tested without waiting. */
export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Leading and trailing throttle: the first request runs at once, a burst runs at most once per
 * `intervalMs`, and the last request of a burst is never lost.
 */
export class Throttle {
  private handle: unknown;
  private lastRun = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly run: () => void,
    private readonly intervalMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  request(): void {
    if (this.handle !== undefined) return;
    const wait = Math.max(0, this.lastRun + this.intervalMs - this.timers.now());
    this.handle = this.timers.setTimeout(() => this.runNow(), wait);
  }

  /** Runs now and cancels a pending run. */
  runNow(): void {
    this.cancel();
    this.lastRun = this.timers.now();
    this.run();
  }

  cancel(): void {
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
