/**
 * Folds the raw stream events of one reply into its stored assistant turn and tells the page what
 * changed. Deltas are coalesced: consecutive deltas of the same block wait in one pending message
 * until `flush()` (the host calls it on a short timer) or until another block or event needs to go
 * out, so the page gets a few messages per frame instead of one per token.
 */
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import type { ToWebviewMessage } from '../../shared/chatProtocol';
import type { AssistantTurn, StoredBlock } from './conversation';

interface PendingDelta {
  kind: 'text' | 'thinking';
  index: number;
  text: string;
}

export class ReplyAccumulator {
  /** API block index -> index in `turn.blocks`; blocks of kinds the chat does not show map to nothing. */
  private readonly blockIndex = new Map<number, number>();
  private pending: PendingDelta | undefined;
  /** For Continue: the first text block of the continuation joins the turn's last text block. */
  private joinNextTextBlock: boolean;
  /** `stop_reason` from `message_delta`, once known. */
  stopReason: string | undefined;
  /** Model the API says answered (from `message_start`). */
  model: string | undefined;
  /** True once `message_stop` arrived: the reply is complete. */
  stopped = false;

  constructor(
    private readonly turn: AssistantTurn,
    private readonly post: (message: ToWebviewMessage) => void,
    options: { continuing?: boolean } = {},
  ) {
    this.joinNextTextBlock = options.continuing === true && turn.blocks.at(-1)?.type === 'text';
  }

  /** Applies one raw stream event (unknown event types and block kinds are ignored, as the API asks). */
  apply(event: RawMessageStreamEvent): void {
    switch (event.type) {
      case 'message_start':
        this.model = event.message.model;
        break;
      case 'content_block_start':
        this.startBlock(event.index, event.content_block);
        break;
      case 'content_block_delta':
        this.applyDelta(event.index, event.delta);
        break;
      case 'content_block_stop': {
        const index = this.blockIndex.get(event.index);
        if (index === undefined) break;
        this.flush();
        this.post({ type: 'didEndBlock', turnId: this.turn.id, index });
        break;
      }
      case 'message_delta':
        if (event.delta.stop_reason) this.stopReason = event.delta.stop_reason;
        break;
      case 'message_stop':
        this.stopped = true;
        break;
    }
  }

  /** Sends the coalesced delta waiting to go out, if any. */
  flush(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.post({ type: pending.kind === 'text' ? 'didAppendText' : 'didAppendThinking', turnId: this.turn.id, index: pending.index, text: pending.text });
  }

  private startBlock(apiIndex: number, block: { type: string; text?: unknown; data?: unknown }): void {
    this.flush();
    let stored: StoredBlock;
    if (block.type === 'text') {
      if (this.joinNextTextBlock) {
        this.joinNextTextBlock = false;
        this.blockIndex.set(apiIndex, this.turn.blocks.length - 1);
        const initial = typeof block.text === 'string' ? block.text : '';
        if (initial) this.appendText(this.turn.blocks.length - 1, initial);
        return;
      }
      stored = { type: 'text', text: typeof block.text === 'string' ? block.text : '' };
    } else if (block.type === 'thinking') {
      stored = { type: 'thinking', thinking: '' };
    } else if (block.type === 'redacted_thinking') {
      stored = { type: 'redacted_thinking', data: typeof block.data === 'string' ? block.data : '' };
    } else {
      return;
    }
    const index = this.turn.blocks.push(stored) - 1;
    this.blockIndex.set(apiIndex, index);
    const kind = stored.type === 'text' ? 'text' : stored.type === 'thinking' ? 'thinking' : 'redactedThinking';
    this.post({ type: 'didStartBlock', turnId: this.turn.id, index, kind });
    if (stored.type === 'text' && stored.text !== '') this.queue('text', index, stored.text);
  }

  private applyDelta(apiIndex: number, delta: { type: string; text?: unknown; thinking?: unknown; signature?: unknown }): void {
    const index = this.blockIndex.get(apiIndex);
    if (index === undefined) return;
    const block = this.turn.blocks[index];
    if (delta.type === 'text_delta' && block.type === 'text' && typeof delta.text === 'string') {
      this.appendText(index, delta.text);
    } else if (delta.type === 'thinking_delta' && block.type === 'thinking' && typeof delta.thinking === 'string') {
      block.thinking += delta.thinking;
      this.queue('thinking', index, delta.thinking);
    } else if (delta.type === 'signature_delta' && block.type === 'thinking' && typeof delta.signature === 'string') {
      block.signature = (block.signature ?? '') + delta.signature;
    }
  }

  private appendText(index: number, text: string): void {
    const block = this.turn.blocks[index];
    if (block.type !== 'text') return;
    block.text += text;
    this.queue('text', index, text);
  }

  private queue(kind: PendingDelta['kind'], index: number, text: string): void {
    if (text === '') return;
    if (this.pending && (this.pending.kind !== kind || this.pending.index !== index)) this.flush();
    if (this.pending) this.pending.text += text;
    else this.pending = { kind, index, text };
  }
}
