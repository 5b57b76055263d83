import type { UsageQuantities } from '../prices/cost';
import { estimateTokens } from '../tokenEstimate';

/** What the request asked of thinking, for estimates when the final counts never arrive. */
export interface ThinkingRequest {
  budgetTokens: number;
  /**
   * True when the request asked for summarized thinking: the stream then carries a summary while the
   * full thinking is billed, so the streamed text says only the least it could cost.
   */
  summarized: boolean;
}

/**
 * Turns one request's raw stream events into usage figures. The API repeats usage in `message_start`
 * and in `message_delta`, and the delta's counts are CUMULATIVE: per field the last non-null value
 * wins, nothing is ever added up. Until the final counts arrive, output is estimated from the
 * streamed text (and thinking, which is billed as output).
 */
export class UsageAccumulator {
  /** Last non-null value per usage field, as reported. */
  private readonly reported: {
    input?: number;
    output?: number;
    cacheCreation?: number;
    cacheRead?: number;
    cache5m?: number;
    cache1h?: number;
    webSearch?: number;
    webFetch?: number;
  } = {};
  private streamedText = '';
  private streamedThinking = '';
  /** Thinking whose billed size the stream does not show (summarized or redacted). */
  private hiddenThinking = false;
  private finalDeltaSeen = false;
  /** The model the API says answered (dated id), once `message_start` arrives. */
  model: string | undefined;
  serviceTier: string | undefined;
  started = false;

  constructor(
    private readonly requestedModel: string,
    private readonly thinking?: ThinkingRequest,
  ) {}

  onStreamEvent(event: unknown): void {
    if (!isRecord(event)) return;
    switch (event.type) {
      case 'message_start': {
        const message = event.message;
        if (!isRecord(message)) return;
        this.started = true;
        if (typeof message.model === 'string') this.model = message.model;
        this.takeUsage(message.usage);
        return;
      }
      case 'message_delta':
        if (isRecord(event.usage) && typeof event.usage.output_tokens === 'number') this.finalDeltaSeen = true;
        this.takeUsage(event.usage);
        return;
      case 'content_block_start': {
        const type = isRecord(event.content_block) ? event.content_block.type : undefined;
        if (type === 'redacted_thinking' || (type === 'thinking' && this.thinking?.summarized)) this.hiddenThinking = true;
        return;
      }
      case 'content_block_delta': {
        const delta = event.delta;
        if (!isRecord(delta)) return;
        // String concatenation stays cheap (ropes, never flattened): only the length is read.
        if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') this.streamedThinking += delta.thinking;
        const text = delta.type === 'text_delta' ? delta.text : delta.type === 'input_json_delta' ? delta.partial_json : undefined;
        if (typeof text === 'string') this.streamedText += text;
        return;
      }
      default:
        // ping, content_block_stop, message_stop, error and unknown types carry no usage.
        return;
    }
  }

  /**
   * Output tokens estimated from what streamed so far. With `ended` (the stream stopped before its final
   * counts), summarized or redacted thinking counts as the whole thinking budget: the full thinking was
   * billed, never seen, and the budget is its upper bound; an estimate from the summary would undercount.
   */
  estimatedOutputTokens(ended = false): number {
    const model = this.model ?? this.requestedModel;
    const thinking = estimateTokens(this.streamedThinking, model);
    const hidden = ended && this.hiddenThinking && this.thinking ? Math.max(thinking, this.thinking.budgetTokens) : thinking;
    return estimateTokens(this.streamedText, model) + hidden;
  }

  /** Whether the final (cumulative) output count has arrived. */
  get hasFinalCounts(): boolean {
    return this.finalDeltaSeen;
  }

  /**
   * Current quantities: reported counts, with the estimate for output until the final count. `ended`: the
   * stream is over (see `estimatedOutputTokens`).
   */
  quantities(ended = false): UsageQuantities {
    const r = this.reported;
    const output = this.finalDeltaSeen ? (r.output ?? 0) : Math.max(r.output ?? 0, this.estimatedOutputTokens(ended));
    // The total covers both TTLs; the breakdown (message_start only) splits it. Anything not broken
    // down was written with the default 5-minute TTL.
    const cacheCreation = r.cacheCreation ?? (r.cache5m ?? 0) + (r.cache1h ?? 0);
    const cache1h = Math.min(r.cache1h ?? 0, cacheCreation);
    return {
      inputTokens: r.input ?? 0,
      outputTokens: output,
      cacheWrite5mTokens: cacheCreation - cache1h,
      cacheWrite1hTokens: cache1h,
      cacheReadTokens: r.cacheRead ?? 0,
      webSearchRequests: r.webSearch ?? 0,
      webFetchRequests: r.webFetch ?? 0,
    };
  }

  private takeUsage(usage: unknown): void {
    if (!isRecord(usage)) return;
    const r = this.reported;
    r.input = num(usage.input_tokens) ?? r.input;
    r.output = num(usage.output_tokens) ?? r.output;
    r.cacheCreation = num(usage.cache_creation_input_tokens) ?? r.cacheCreation;
    r.cacheRead = num(usage.cache_read_input_tokens) ?? r.cacheRead;
    if (isRecord(usage.cache_creation)) {
      r.cache5m = num(usage.cache_creation.ephemeral_5m_input_tokens) ?? r.cache5m;
      r.cache1h = num(usage.cache_creation.ephemeral_1h_input_tokens) ?? r.cache1h;
    }
    if (isRecord(usage.server_tool_use)) {
      r.webSearch = num(usage.server_tool_use.web_search_requests) ?? r.webSearch;
      r.webFetch = num(usage.server_tool_use.web_fetch_requests) ?? r.webFetch;
    }
    if (typeof usage.service_tier === 'string') this.serviceTier = usage.service_tier;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
