import type { MessageStream } from '@anthropic-ai/sdk/lib/MessageStream';
import type { Message } from '@anthropic-ai/sdk/resources/messages/messages';
import type { ApiErrorInfo } from '../apiErrors';
import type { AssistantTurn, Conversation } from './conversation';
import { stoppedErrorView, toChatErrorView, truncatedErrorView } from './errorView';
import { ReplyAccumulator } from './replyAccumulator';
import type { RequestMode } from './requestBuilder';
import { requestFor } from './requestBuilder';
import { readAttachmentContents } from './attachments/attachmentBlocks';
import { promptTokens } from '../tokenCounts';
import { errorResponse } from '../usage/rateLimits';
import type { RequestUsage, RequestUsageSummary } from '../usage/requestUsage';
import type { ChatErrorView, ReplyFooter, ToWebviewMessage } from '../../shared/chatProtocol';
import type { ChatDeps } from './chatDeps';

/** Coalesced deltas go to the page at most this often (the page batches per animation frame anyway). */
const flushDelayMs = 24;

/** One reply to run: which turn, how, and where its progress goes. */
export interface ReplyRun {
  conversation: Conversation;
  /** The assistant turn to fill, already part of `conversation` (for Continue, the interrupted one). */
  turn: AssistantTurn;
  mode: RequestMode;
  post(message: ToWebviewMessage): void;
  /** Called as text arrives, so the session can save the partial reply now and then. */
  onProgress(): void;
}

export interface ReplyOutcome {
  status: 'complete' | 'interrupted';
  error?: ChatErrorView;
  /** The classification behind `error` (for logs and notifications). */
  errorInfo?: ApiErrorInfo;
  footer?: ReplyFooter;
  stopReason?: string;
}

/** One streaming request of the chat: sends it, folds the stream into the turn, and says how it ended. */
export class ReplyRunner {
  private stream: MessageStream | undefined;
  private stopRequested = false;

  constructor(
    private readonly deps: Pick<ChatDeps, 'getClient' | 'usage' | 'classify' | 'store'>,
    private readonly options: ReplyRun,
  ) {}

  /** Aborts the request; what arrived stays in the turn. */
  stop(): void {
    this.stopRequested = true;
    this.stream?.abort();
  }

  async run(): Promise<ReplyOutcome> {
    const { conversation, turn, mode } = this.options;
    const accumulator = new ReplyAccumulator(turn, (message) => this.options.post(message), { continuing: mode === 'continue' });
    let usage: RequestUsage | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flushSoon = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        accumulator.flush();
        this.options.onProgress();
      }, flushDelayMs);
    };
    try {
      const client = await this.deps.getClient();
      if (this.stopRequested) return this.interrupted(stoppedErrorView(), undefined);
      // The whole history goes with every request, so earlier messages' attachments are read again.
      const contents = await readAttachmentContents(conversation.turns, (blob) => this.deps.store.attachments.read(blob));
      if (this.stopRequested) return this.interrupted(stoppedErrorView(), undefined);
      const request = requestFor(conversation, mode, contents);
      usage = this.deps.usage?.beginRequest({
        model: request.model,
        source: 'chat',
        ...(request.thinking?.type === 'enabled'
          ? { thinking: { budgetTokens: request.thinking.budget_tokens, summarized: request.thinking.display === 'summarized' } }
          : {}),
      });
      const stream = client.messages.stream(request);
      this.stream = stream;
      stream.on('streamEvent', (event) => {
        usage?.onStreamEvent(event);
        accumulator.apply(event);
        flushSoon();
      });
      void stream.withResponse().then(
        ({ response }) => usage?.onResponseHeaders(response.headers),
        () => undefined, // The failure itself surfaces through finalMessage().
      );
      if (this.stopRequested) stream.abort();
      const message = await stream.finalMessage();
      clearTimeout(timer);
      accumulator.flush();
      const stopReason = accumulator.stopReason ?? message.stop_reason ?? undefined;
      if (!accumulator.stopped) {
        return this.interrupted(truncatedErrorView(), this.footer(usage, 'failed', message), undefined, stopReason);
      }
      const outcome: ReplyOutcome = { status: 'complete', footer: this.footer(usage, 'completed', message) };
      if (stopReason) outcome.stopReason = stopReason;
      return outcome;
    } catch (error) {
      clearTimeout(timer);
      accumulator.flush();
      if (this.stopRequested) return this.interrupted(stoppedErrorView(), this.footer(usage, 'aborted', this.stream?.currentMessage));
      // A 429 or 529 rejects `withResponse()`: its rate-limit headers and `retry-after` arrive only here.
      const response = errorResponse(error);
      if (response) usage?.onResponseHeaders(response.headers, response.status);
      const info = this.deps.classify(error);
      return this.interrupted(toChatErrorView(info), this.footer(usage, 'failed', this.stream?.currentMessage), info);
    }
  }

  private interrupted(error: ChatErrorView, footer: ReplyFooter | undefined, errorInfo?: ApiErrorInfo, stopReason?: string): ReplyOutcome {
    const outcome: ReplyOutcome = { status: 'interrupted', error };
    if (footer) outcome.footer = footer;
    if (errorInfo) outcome.errorInfo = errorInfo;
    if (stopReason) outcome.stopReason = stopReason;
    return outcome;
  }

  /**
   * The reply's figures: from the usage meter when there is one (it also records them in the ledger),
   * else straight from the reply's message (tokens only, no price): the final one when it completed, the
   * stream's snapshot when it did not (the snapshot is gone once the stream has ended).
   */
  private footer(usage: RequestUsage | undefined, outcome: 'completed' | 'aborted' | 'failed', message: Message | undefined): ReplyFooter | undefined {
    if (usage) return footerFromSummary(usage.end(outcome));
    if (!message) return undefined;
    const u = message.usage;
    const cacheRead = u.cache_read_input_tokens ?? 0;
    return {
      model: message.model,
      inputTokens: u.input_tokens + (u.cache_creation_input_tokens ?? 0) + cacheRead,
      outputTokens: u.output_tokens,
      cacheReadTokens: cacheRead,
      approximate: outcome !== 'completed',
    };
  }
}

export function footerFromSummary(summary: RequestUsageSummary): ReplyFooter {
  const footer: ReplyFooter = {
    model: summary.model,
    inputTokens: promptTokens(summary),
    outputTokens: summary.outputTokens,
    cacheReadTokens: summary.cacheReadTokens,
    approximate: summary.approximate,
  };
  if (summary.costUsd !== undefined) footer.costUsd = summary.costUsd;
  return footer;
}
