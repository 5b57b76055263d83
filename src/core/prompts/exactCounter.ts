import { createHash } from 'node:crypto';
import { classifyApiError } from '../apiErrors';
import { errorMessage } from '../errorMessage';
import type { Disposable } from '../events';
import { Emitter } from '../events';
import type { Log } from '../log';
import type { PromptRequest } from './types';

/** Sends one `messages.countTokens` request and returns `input_tokens`. */
export type CountTokens = (params: Record<string, unknown>) => Promise<number>;

/** Quiet time after the last request for a count before counting starts (typing must not spam the API). */
const defaultDebounceMs = 800;
/** Counts remembered (by content hash); older ones are dropped first. */
const maxCached = 500;
/** Attempts per request on retryable errors (rate limits, overload) before giving up until reset. */
const maxAttempts = 3;

/**
 * Exact input token counts from `messages.countTokens`, for requests fully known from the source.
 * Never blocks: `lookup` answers from the cache at once and queues what it lacks; counting runs one
 * request at a time after a quiet period, and `onDidCount` fires when new counts arrive.
 */
export class ExactCounter implements Disposable {
  private readonly counts = new Map<string, number>();
  private readonly queue = new Map<string, Record<string, unknown>>();
  /** The request being counted now: out of the queue, not yet in `counts`, so not to be queued again. */
  private counting: string | undefined;
  private readonly attempts = new Map<string, number>();
  /** Requests the API refused to count, with why (the hover says so instead of "pending" forever). */
  private readonly failed = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  /** Set when counting cannot work at all (no key, bad key): nothing is sent until `reset()`. */
  private suspended: string | undefined;
  private readonly changed = new Emitter<void>((error) => this.log.error(`exact token count listener failed: ${errorMessage(error)}`));
  readonly onDidCount = this.changed.event;

  constructor(
    private readonly countTokens: CountTokens,
    private readonly log: Log,
    private readonly debounceMs = defaultDebounceMs,
  ) {}

  /** The exact count for `request` if known; otherwise queues it (when it can be counted) and returns undefined. */
  lookup(request: PromptRequest): number | undefined {
    if (!request.countParams) return undefined;
    const key = hashParams(request.countParams);
    const known = this.counts.get(key);
    if (known !== undefined) return known;
    if (!this.suspended && !this.failed.has(key) && !this.queue.has(key) && this.counting !== key) {
      this.queue.set(key, request.countParams);
      this.schedule(this.debounceMs);
    }
    return undefined;
  }

  /** Why the API refused to count `request`, when it did. */
  failure(request: PromptRequest): string | undefined {
    return request.countParams ? this.failed.get(hashParams(request.countParams)) : undefined;
  }

  /** Why counts are not coming, for the hover (undefined while all is well). */
  get problem(): string | undefined {
    return this.suspended;
  }

  /** Forgets failures (after the key or settings change) so counting is tried again. */
  reset(): void {
    this.suspended = undefined;
    this.failed.clear();
    this.attempts.clear();
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.drain();
    }, delayMs);
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    let counted = 0;
    let failedNow = 0;
    try {
      for (const [key, params] of this.queue) {
        if (this.suspended) break;
        this.queue.delete(key);
        this.counting = key;
        try {
          this.remember(key, await this.countTokens(params));
          counted++;
        } catch (error) {
          const info = classifyApiError(error);
          if (info.kind === 'noApiKey' || info.kind === 'authentication' || info.kind === 'permission' || info.kind === 'billing' || info.kind === 'baseUrl' || info.kind === 'secretStorage') {
            this.suspended = `Exact counts unavailable: ${info.message}`;
            this.log.info(`exact token counts paused: ${info.message}`);
            this.queue.clear();
            break;
          }
          const attempts = (this.attempts.get(key) ?? 0) + 1;
          this.attempts.set(key, attempts);
          if (info.retryable && attempts < maxAttempts) {
            this.queue.set(key, params);
            this.schedule(Math.max(this.debounceMs, (info.retryAfterSeconds ?? 5) * 1000));
            break;
          }
          this.failed.set(key, info.message);
          failedNow++;
          this.log.warn(`exact token count failed: ${info.message}`);
        } finally {
          this.counting = undefined;
        }
      }
    } finally {
      this.running = false;
    }
    if (counted > 0 || failedNow > 0 || this.suspended) this.changed.fire();
    if (this.queue.size > 0 && !this.suspended && !this.timer) this.schedule(this.debounceMs);
  }

  private remember(key: string, tokens: number): void {
    this.counts.set(key, tokens);
    while (this.counts.size > maxCached) this.counts.delete(this.counts.keys().next().value as string);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.queue.clear();
    this.changed.dispose();
  }
}

/** Content hash of a request: the same prompt in any file or version shares one count. */
function hashParams(params: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(params)).digest('hex');
}
