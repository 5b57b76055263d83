import type { UsageQuantities } from '../prices/cost';
import { estimateTokens } from '../tokenEstimate';

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
  private finalDeltaSeen = false;
  /** The model the API says answered (dated id), once `message_start` arrives. */
  model: string | undefined;
  serviceTier: string | undefined;
  started = false;

  constructor(private readonly requestedModel: string) {}

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
      case 'content_block_delta': {
        const delta = event.delta;
        if (!isRecord(delta)) return;
        const text =
          delta.type === 'text_delta' ? delta.text : delta.type === 'thinking_delta' ? delta.thinking : delta.type === 'input_json_delta' ? delta.partial_json : undefined;
        if (typeof text === 'string') this.addStreamed(text);
        return;
      }
      default:
        // ping, content_block_start/stop, message_stop, error and unknown types carry no usage.
        return;
    }
  }

  /** Output tokens estimated from the streamed text so far. */
  estimatedOutputTokens(): number {
    return estimateTokens(this.streamedText, this.model ?? this.requestedModel);
  }

  /** Whether the final (cumulative) output count has arrived. */
  get hasFinalCounts(): boolean {
    return this.finalDeltaSeen;
  }

  /** Current quantities: reported counts, with the live estimate for output until the final count. */
  quantities(): UsageQuantities {
    const r = this.reported;
    const output = this.finalDeltaSeen ? (r.output ?? 0) : Math.max(r.output ?? 0, this.estimatedOutputTokens());
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

  private addStreamed(text: string): void {
    // Only the length matters to the estimate; string concatenation stays cheap (ropes, never flattened).
    this.streamedText += text;
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
