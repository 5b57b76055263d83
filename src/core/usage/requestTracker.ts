import { costOfUsage } from '../prices/cost';
import { describePriceSource } from '../prices/describeSource';
import { canonicalModelId } from '../prices/modelIds';
import type { ModelPrice } from '../prices/types';
import type { HeaderSource, RateLimits } from './rateLimits';
import { parseRateLimits } from './rateLimits';
import type { RequestUsage, RequestUsageSummary } from './requestUsage';
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
    private readonly request: { model: string; source: string },
    private readonly deps: TrackerDeps,
  ) {
    this.accumulator = new UsageAccumulator(request.model);
  }

  onStreamEvent(event: unknown): void {
    if (this.ended) return;
    this.accumulator.onStreamEvent(event);
    this.deps.onProgress();
  }

  onResponseHeaders(headers: HeaderSource): void {
    const limits = parseRateLimits(headers);
    this.requestId = headers.get('request-id') ?? this.requestId;
    if (limits) this.deps.onRateLimits(limits);
  }

  current(): RequestUsageSummary {
    return this.ended ?? this.summary(true);
  }

  end(outcome: 'completed' | 'aborted' | 'failed'): RequestUsageSummary {
    if (this.ended) return this.ended;
    const approximate = !(outcome === 'completed' && this.accumulator.hasFinalCounts);
    const record = this.record(outcome, approximate);
    this.ended = this.summary(approximate);
    this.deps.onEnd(record);
    return this.ended;
  }

  /** The model to price: the one the API reports (dated) when known, else the one requested. */
  private get model(): string {
    return this.accumulator.model ?? this.request.model;
  }

  private summary(approximate: boolean): RequestUsageSummary {
    const q = this.accumulator.quantities();
    const cost = costOfUsage(q, this.deps.price(this.model), { modelId: this.model });
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
    const q = this.accumulator.quantities();
    const price = this.deps.price(this.model);
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
      ...(price?.contextWindow ? { contextWindow: price.contextWindow } : {}),
      ...(this.requestId ? { requestId: this.requestId } : {}),
    };
  }
}
