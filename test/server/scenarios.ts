// What a test can script the fake Anthropic API to do for one request. Scenarios are queued with
// `FakeAnthropic.enqueue(...)` and consumed one per request, in order, per endpoint; with an empty
// queue the server answers normally (a short deterministic reply, the model list, a token count).

/** Which route a scenario applies to. Each route has its own queue, so a models.list call never eats a chat fault. */
export type FakeEndpoint = 'messages' | 'models' | 'countTokens' | 'analyticsUsage' | 'analyticsCost';

/** Usage numbers as the API reports them; omitted fields get deterministic defaults. */
export interface UsageKnobs {
  /** Uncached input tokens (excludes cache reads and writes). Default: the server's estimate of the prompt. */
  input_tokens?: number;
  /** Output tokens for the whole reply (thinking included). Default: about one per four characters streamed. */
  output_tokens?: number;
  /** Tokens written to the cache. Default: the sum of the two `cache_creation` buckets, else 0. */
  cache_creation_input_tokens?: number;
  /** Tokens read from the cache. Default 0. */
  cache_read_input_tokens?: number;
  /** Cache writes split by lifetime (priced differently). Default: all writes in the 5-minute bucket. */
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  /** Server-side tool calls. Default zeros. */
  server_tool_use?: { web_search_requests: number; web_fetch_requests: number };
  /** Default 'standard'. */
  service_tier?: 'standard' | 'priority' | 'batch';
}

/** Shape and pacing of a streamed (or JSON) reply. */
export interface ReplyKnobs {
  /** The reply's text. Default: `You said: <last user text>` (deterministic). */
  text?: string;
  /**
   * Thinking text streamed before the answer (thinking_delta then signature_delta). Default: a short fixed
   * thought when the request enables thinking, none otherwise. Pass '' to suppress it.
   */
  thinking?: string;
  /** Model reported in the reply. Default: the model the request asked for. */
  model?: string;
  /** Usage reported in `message_start` (with output_tokens 1, as the real API does) and, cumulatively, in `message_delta`. */
  usage?: UsageKnobs;
  /**
   * Overrides for the final `message_delta.usage` only (it is cumulative: e.g. larger input counts after server
   * tools, or `null` fields). Fields not given repeat the start values with the final output count.
   */
  finalUsage?: Partial<Record<'input_tokens' | 'cache_creation_input_tokens' | 'cache_read_input_tokens', number | null>> & {
    output_tokens?: number;
  };
  /** `stop_reason` in `message_delta`. Default 'end_turn'. */
  stopReason?: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'refusal' | 'pause_turn' | 'tool_use';
  /** Characters per text/thinking delta. Default 16. */
  chunkSize?: number;
  /** Milliseconds between SSE events (0 writes them back to back). Default 0. */
  delayMs?: number;
  /** Milliseconds before the response headers are sent. Default 0. */
  headersDelayMs?: number;
  /** A `ping` event after every this many deltas (one ping always follows the first block start). Default none. */
  pingEvery?: number;
  /** Extra response headers (e.g. to override a rate-limit header). */
  headers?: Record<string, string>;
}

/** A normal successful reply (streamed when the request says `stream: true`, JSON otherwise). */
export interface ReplyScenario extends ReplyKnobs {
  kind: 'reply';
}

/** A ~200 KB markdown reply (headings, lists, tables, code blocks) streamed in many small deltas. */
export interface LargeReplyScenario extends Omit<ReplyKnobs, 'text'> {
  kind: 'largeReply';
  /** Approximate size of the reply text in bytes. Default 200 000. */
  bytes?: number;
}

/** An HTTP error answer with the API's JSON error body, e.g. 429, 529, 500, 401, 403. */
export interface HttpErrorScenario {
  kind: 'httpError';
  status: number;
  /** `error.type` in the body. Default: the API's type for the status (429 rate_limit_error, 529 overloaded_error...). */
  errorType?: string;
  /** `error.message` in the body. Default: a message like the API's for that type. */
  message?: string;
  /** Sets `retry-after` (seconds). Default for 429 and 529: none, so the SDK falls back to its own backoff. */
  retryAfterSeconds?: number;
  /** Sets the `retry-after-ms` header, which the SDK prefers over `retry-after`. */
  retryAfterMs?: number;
  /** Extra response headers (e.g. `x-should-retry`). */
  headers?: Record<string, string>;
  /** Which route this answers. Default 'messages'. */
  endpoint?: FakeEndpoint;
}

/** Fields shared by the faults that happen part-way through a streamed reply. */
interface MidStreamFault extends ReplyKnobs {
  /** How many characters of the reply text are streamed before the fault. Default: half of the text. */
  afterChars?: number;
}

/** A streamed reply interrupted by an SSE `event: error` (HTTP status stays 200; the SDK throws and does not retry). */
export interface StreamErrorScenario extends MidStreamFault {
  kind: 'streamError';
  /** `error.type` of the error event. Default 'overloaded_error'. */
  errorType?: string;
  /** `error.message` of the error event. Default 'Overloaded'. */
  message?: string;
}

/** The connection is destroyed mid-stream (after some text), as when a proxy or the network drops it. */
export interface DropScenario extends MidStreamFault {
  kind: 'drop';
}

/**
 * Headers and some events, then silence until the client gives up (abort or timeout). The socket stays open;
 * `close()` ends it.
 */
export interface StallScenario extends MidStreamFault {
  kind: 'stall';
}

/** An event whose `data:` line is not valid JSON, after some text; the response then ends. */
export interface MalformedEventScenario extends MidStreamFault {
  kind: 'malformedEvent';
}

/** A fault that applies to any route: the socket is destroyed before any response is sent. */
export interface ResetScenario {
  kind: 'reset';
  endpoint?: FakeEndpoint;
}

export type Scenario =
  | ReplyScenario
  | LargeReplyScenario
  | HttpErrorScenario
  | StreamErrorScenario
  | DropScenario
  | StallScenario
  | MalformedEventScenario
  | ResetScenario;

/** The route a scenario is queued for. */
export function scenarioEndpoint(scenario: Scenario): FakeEndpoint {
  return (scenario.kind === 'httpError' || scenario.kind === 'reset' ? scenario.endpoint : undefined) ?? 'messages';
}
