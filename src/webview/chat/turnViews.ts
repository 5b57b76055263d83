import type { AssistantTurnView, BlockView, ChatErrorView, ReplyFooter, UserTurnView } from '../../shared/chatProtocol';
import type { ActionButtons } from './actionButtons';
import { h } from './dom';
import type { ThumbnailUrl } from './attachmentChips';
import { renderAttachmentList } from './attachmentChips';
import { formatFooter } from './displayText';
import { StreamingMarkdown } from './streamingMarkdown';
import type { StreamingMarkdownDeps } from './streamingMarkdown';

/** A user message: its attachments (thumbnails, names), then plain text, never markdown (shown as typed). */
export function renderUserTurn(document: Document, turn: UserTurnView, thumbnailUrl: ThumbnailUrl): HTMLElement {
  return h(
    document,
    'article',
    { class: 'turn user', 'data-role': 'user', 'data-turn-id': turn.id, 'aria-label': 'You' },
    h(document, 'div', { class: 'turn-author' }, 'You'),
    turn.attachments?.length ? renderAttachmentList(document, turn.attachments, thumbnailUrl, false, 'attachment-list turn-attachments') : undefined,
    h(document, 'div', { class: 'user-text' }, turn.text),
  );
}

/** A thinking block: collapsed; its text is plain and appended as it streams. */
class ThinkingBlock {
  readonly element: HTMLDetailsElement;
  private readonly text: Text;
  private readonly summary: HTMLElement;

  constructor(document: Document, redacted: boolean) {
    this.text = document.createTextNode(redacted ? 'The API returned this thinking encrypted; it cannot be shown.' : '');
    this.summary = h(document, 'summary', {}, redacted ? 'Thinking (redacted)' : 'Thinking…');
    this.element = h(document, 'details', { class: 'thinking' }, this.summary, h(document, 'div', { class: 'thinking-text' }, this.text));
  }

  append(text: string): void {
    this.text.appendData(text);
  }

  finish(): void {
    if (this.summary.textContent === 'Thinking…') this.summary.textContent = 'Thinking';
  }
}

/** What a turn needs from the page: markdown rendering and the host's action buttons. */
export interface TurnDeps extends StreamingMarkdownDeps {
  actions: ActionButtons;
  /** URL of an attachment's thumbnail (images of user turns). */
  thumbnailUrl: ThumbnailUrl;
}

type BlockElement = { kind: 'text'; view: StreamingMarkdown } | { kind: 'thinking'; view: ThinkingBlock };

/**
 * An assistant reply: its blocks (markdown text, collapsed thinking), then a footer with model, tokens
 * and cost, or the error that interrupted it. `aria-busy` is set while it streams.
 */
export class AssistantTurnElement {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly end: HTMLElement;
  private readonly blocks: BlockElement[] = [];
  private status: AssistantTurnView['status'] = 'streaming';
  private retryTimer: number | undefined;

  constructor(
    private readonly document: Document,
    readonly turnId: string,
    private readonly deps: TurnDeps,
  ) {
    this.body = h(document, 'div', { class: 'turn-body' });
    this.end = h(document, 'div', { class: 'turn-end' });
    this.element = h(
      document,
      'article',
      { class: 'turn assistant', 'data-role': 'assistant', 'data-turn-id': turnId, 'aria-label': 'Claude' },
      h(document, 'div', { class: 'turn-author' }, 'Claude'),
      this.body,
      this.end,
    );
    this.setStatus('streaming');
  }

  /** Draws a turn from stored state (history, reload); a streaming turn keeps its last block open. */
  static fromView(document: Document, turn: AssistantTurnView, deps: TurnDeps): AssistantTurnElement {
    const element = new AssistantTurnElement(document, turn.id, deps);
    turn.blocks.forEach((block, index) => {
      const streamingLast = turn.status === 'streaming' && index === turn.blocks.length - 1;
      element.addBlock(index, block, !streamingLast);
    });
    if (turn.status === 'complete' && turn.footer) element.complete(turn.footer, turn.stopReason);
    else if (turn.status === 'interrupted' && turn.error) element.interrupt(turn.error, turn.footer);
    else element.setStatus(turn.status);
    return element;
  }

  get currentStatus(): AssistantTurnView['status'] {
    return this.status;
  }

  /** A reply resumes (Continue): the interruption marker goes, new blocks follow the old ones. */
  resume(): void {
    this.clearEnd();
    this.setStatus('streaming');
  }

  startBlock(index: number, kind: BlockView['kind']): void {
    if (this.blocks[index]) return;
    this.addBlock(index, kind === 'text' ? { kind, text: '' } : kind === 'thinking' ? { kind, text: '' } : { kind }, false);
  }

  appendText(index: number, text: string): void {
    const block = this.blocks[index] ?? this.addBlock(index, { kind: 'text', text: '' }, false);
    if (block.kind === 'text') block.view.append(text);
  }

  appendThinking(index: number, text: string): void {
    const block = this.blocks[index] ?? this.addBlock(index, { kind: 'thinking', text: '' }, false);
    if (block.kind === 'thinking') block.view.append(text);
  }

  endBlock(index: number): void {
    this.blocks[index]?.view.finish();
  }

  complete(footer: ReplyFooter, stopReason?: string): void {
    this.finishBlocks();
    this.clearEnd();
    this.setStatus('complete');
    this.end.append(h(this.document, 'div', { class: 'reply-footer' }, formatFooter(footer)));
    if (stopReason === 'max_tokens') {
      this.end.append(h(this.document, 'div', { class: 'reply-note' }, 'The reply hit the max tokens limit; Continue or raise it in the settings.'));
    }
  }

  interrupt(error: ChatErrorView, footer?: ReplyFooter): void {
    this.finishBlocks();
    this.clearEnd();
    this.setStatus('interrupted');
    const stopped = error.kind === 'aborted';
    this.end.append(h(this.document, 'div', { class: 'interrupted-marker' }, stopped ? 'Stopped' : 'Interrupted'));
    if (!stopped) this.end.append(this.renderError(error));
    // A request refused before any token (401, 429…) cost nothing: a row of zeros would only be noise.
    if (footer && footer.inputTokens + footer.outputTokens > 0) {
      this.end.append(h(this.document, 'div', { class: 'reply-footer' }, formatFooter(footer)));
    }
  }

  dispose(): void {
    if (this.retryTimer !== undefined) this.document.defaultView?.clearInterval(this.retryTimer);
  }

  private renderError(error: ChatErrorView): HTMLElement {
    const banner = h(this.document, 'div', { class: 'turn-error', role: 'alert', 'data-error-kind': error.kind });
    banner.append(h(this.document, 'div', { class: 'error-message' }, error.message));
    if (error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0) {
      banner.append(this.retryCountdown(error.retryAfterSeconds));
    }
    const details = [error.status !== undefined ? `HTTP ${error.status}` : undefined, error.requestId ? `request ${error.requestId}` : undefined]
      .filter(Boolean)
      .join(' · ');
    if (details) banner.append(h(this.document, 'div', { class: 'error-details' }, details));
    if (error.actions.length > 0) {
      const actions = h(this.document, 'div', { class: 'error-actions' });
      for (const action of error.actions) actions.append(this.deps.actions.button(this.document, action));
      banner.append(actions);
    }
    return banner;
  }

  /** "You can retry in 12 s", counting down, then "You can retry now". */
  private retryCountdown(seconds: number): HTMLElement {
    const line = h(this.document, 'div', { class: 'retry-after' });
    const until = Date.now() + seconds * 1000;
    const tick = () => {
      const left = Math.ceil((until - Date.now()) / 1000);
      line.textContent = left > 0 ? `Retry in ${left} s.` : 'You can retry now.';
      if (left <= 0 && this.retryTimer !== undefined) {
        this.document.defaultView?.clearInterval(this.retryTimer);
        this.retryTimer = undefined;
      }
    };
    tick();
    this.retryTimer = this.document.defaultView?.setInterval(tick, 1000);
    return line;
  }

  private addBlock(index: number, block: BlockView, complete: boolean): BlockElement {
    let element: BlockElement;
    if (block.kind === 'text') {
      const view = new StreamingMarkdown(this.deps, this.document);
      if (complete) view.renderComplete(block.text);
      else view.append(block.text);
      element = { kind: 'text', view };
    } else {
      const view = new ThinkingBlock(this.document, block.kind === 'redactedThinking');
      if (block.kind === 'thinking') view.append(block.text);
      if (complete) view.finish();
      element = { kind: 'thinking', view };
    }
    this.blocks[index] = element;
    // Keep DOM order equal to block order even if a start message arrives out of order.
    const next = this.blocks.slice(index + 1).find((other) => other !== undefined);
    this.body.insertBefore(element.view.element, next?.view.element ?? null);
    return element;
  }

  private finishBlocks(): void {
    for (const block of this.blocks) block?.view.finish();
  }

  private clearEnd(): void {
    this.dispose();
    this.retryTimer = undefined;
    this.end.replaceChildren();
  }

  private setStatus(status: AssistantTurnView['status']): void {
    this.status = status;
    this.element.dataset.status = status;
    this.element.setAttribute('aria-busy', String(status === 'streaming'));
  }
}
