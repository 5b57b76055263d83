import type { HeaderSource } from './rateLimits';
import type { ThinkingRequest } from './usageAccumulator';

/**
 * Contract between a feature that streams a request (the chat) and the usage meter.
 * The chat calls `beginRequest` for each Messages API request and feeds it what the stream yields;
 * the meter owns all accounting (cumulative deltas, cache fields, estimates, prices, ledger).
 */

export interface RequestUsageSummary {
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheWrite5mTokens: number;
  cacheWrite1hTokens: number;
  cacheReadTokens: number;
  /** Dollars, or undefined when the model's price is unknown (never shown as $0). */
  costUsd: number | undefined;
  /** True while streaming and for aborted/failed requests: output is an estimate. */
  approximate: boolean;
}

export interface RequestUsage {
  /** Every raw stream event (`MessageStreamEvent` from the SDK's `streamEvent`), in order. */
  onStreamEvent(event: unknown): void;
  /**
   * The HTTP response headers (rate limits), once the response arrives; also those of an error response
   * (429, 529), with its status.
   */
  onResponseHeaders(headers: HeaderSource, status?: number): void;
  /** How the request ended; returns the final figures (recorded in the ledger exactly once). */
  end(outcome: 'completed' | 'aborted' | 'failed'): RequestUsageSummary;
  /** Current figures, live while streaming. */
  current(): RequestUsageSummary;
}

/** What the meter needs to know of a request before it streams. */
export interface UsageRequest {
  model: string;
  /** Which feature sends it (`chat`, ...). */
  source: string;
  /** The request's thinking settings, when it enables thinking (for estimates of a stopped reply). */
  thinking?: ThinkingRequest;
  /** Key profile it is sent with; the meter fills in the active one when left out. */
  profile?: string;
  /** Workspace folder it belongs to; the meter fills in the window's when left out. */
  folder?: string;
}

export interface UsageRecorder {
  beginRequest(request: UsageRequest): RequestUsage;
}
