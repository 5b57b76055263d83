import { costOfUsage } from '../prices/cost';
import { describePriceSource } from '../prices/describeSource';
import { canonicalModelId } from '../prices/modelIds';
import type { ModelPrice } from '../prices/types';
import type { HeaderSource, RateLimits } from './rateLimits';
import { parseRateLimits } from './rateLimits';
import type { RequestUsage, RequestUsageSummary, UsageRequest } from './requestUsage';
import { UsageAccumulator } from './usageAccumulator';
import type { UsageRecord } from './usageRecord';

export interface TrackerDeps {
  /** Current price of a model (overrides applied), undefined when unknown. */
  price(modelId: string): ModelPrice | undefined;
  now(): Date;
  /** Called after every event that may change the figures (the meter throttles its display). */
  onProgress(): void;
  /** Called exactly once, when the request ends. */
  onEnd(record: UsageRecord): void;
  onRateLimits(limits: RateLimits): void;
}

/** One request's usage, fed by the feature that streams it (see `RequestUsage`). */
export class RequestTracker implements RequestUsage {
  private readonly accumulator: UsageAccumulator;
  private ended: RequestUsageSummary | undefined;
  private requestId: string | undefined;

  constructor(
    private readonly request: UsageRequest,
    private readonly deps: TrackerDeps,
  ) {
    this.accumulator = new UsageAccumulator(request.model, request.thinking);
  }

  onStreamEvent(event: unknown): void {
    if (this.ended) return;
    this.accumulator.onStreamEvent(event);
    this.deps.onProgress();
  }

  onResponseHeaders(headers: HeaderSource, status?: number): void {
    const limits = parseRateLimits(headers);
    this.requestId = headers.get('request-id') ?? this.requestId;
    if (!limits) return;
    limits.receivedAt = this.deps.now().toISOString();
    if (status !== undefined && status >= 400) limits.status = status;
    this.deps.onRateLimits(limits);
  }

  current(): RequestUsageSummary {
    return this.ended ?? this.summary(true, false);
  }

  end(outcome: 'completed' | 'aborted' | 'failed'): RequestUsageSummary {
    if (this.ended) return this.ended;
    const approximate = !(outcome === 'completed' && this.accumulator.hasFinalCounts);
    const record = this.record(outcome, approximate);
    this.ended = this.summary(approximate, true);
    this.deps.onEnd(record);
    return this.ended;
  }

  /** The model the request ran on: the one the API reports (dated) when known, else the one requested. */
  private get model(): string {
    return this.accumulator.model ?? this.request.model;
  }

  /**
   * The price of the reply's model, else of the requested one: a gateway may answer with an id no source
   * knows (`us.anthropic.…`, a private deployment name) for a model that is priced under the requested id.
   */
  private price(): ModelPrice | undefined {
    return this.deps.price(this.model) ?? this.deps.price(this.request.model);
  }

  private summary(approximate: boolean, ended: boolean): RequestUsageSummary {
    const q = this.accumulator.quantities(ended);
    const cost = costOfUsage(q, this.price(), { modelId: this.model });
    return {
      model: canonicalModelId(this.model),
      inputTokens: q.inputTokens,
      outputTokens: q.outputTokens,
      cacheWrite5mTokens: q.cacheWrite5mTokens,
      cacheWrite1hTokens: q.cacheWrite1hTokens,
      cacheReadTokens: q.cacheReadTokens,
      costUsd: cost.kind === 'priced' ? cost.totalUsd : undefined,
      approximate,
    };
  }

  private record(outcome: UsageRecord['outcome'], approximate: boolean): UsageRecord {
    const q = this.accumulator.quantities(true);
    const price = this.price();
    const cost = costOfUsage(q, price, { modelId: this.model });
    return {
      time: this.deps.now().toISOString(),
      model: canonicalModelId(this.model),
      source: this.request.source,
      outcome,
      approximate,
      inputTokens: q.inputTokens,
      outputTokens: q.outputTokens,
      cacheWrite5mTokens: q.cacheWrite5mTokens,
      cacheWrite1hTokens: q.cacheWrite1hTokens,
      cacheReadTokens: q.cacheReadTokens,
      webSearchRequests: q.webSearchRequests ?? 0,
      webFetchRequests: q.webFetchRequests ?? 0,
      costUsd: cost.kind === 'priced' ? cost.totalUsd : null,
      ...(cost.kind === 'priced' ? { costParts: cost.parts, priceSource: describePriceSource(cost.source) } : {}),
      ...(cost.kind === 'priced' && cost.unpriced.length > 0 ? { unpriced: cost.unpriced } : {}),
      ...(this.request.profile ? { profile: this.request.profile } : {}),
      ...(this.request.folder ? { folder: this.request.folder } : {}),
      ...(price?.contextWindow ? { contextWindow: price.contextWindow } : {}),
      ...(this.requestId ? { requestId: this.requestId } : {}),
    };
  }
}
