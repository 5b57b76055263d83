import { MarkdownBlockSplitter } from '../../core/chat/markdownBlocks';
import { decorateCodeBlocks } from './codeBlocks';
import type { FrameRenderable, FrameScheduler } from './frameScheduler';
import type { MarkdownRenderer } from './markdownRenderer';

/** What a streaming text block needs from the page. */
export interface StreamingMarkdownDeps {
  scheduler: FrameScheduler;
  renderer: MarkdownRenderer;
  /** Hears each finished block's rendered text (the page's aria-live region reads it out). */
  announce?: (text: string) => void;
}

/**
 * Finished blocks per `.md-chunk`. Appending to a container makes the browser walk its children on the
 * next layout; chunks keep that walk at about (blocks / 32 + 32) instead of growing with the reply.
 */
const blocksPerChunk = 32;

/**
 * One markdown text block of a reply, rendered incrementally: finished markdown blocks are rendered
 * once and appended; only the open (last) block is re-rendered, at most once per animation frame.
 * So the work per update depends on the size of the open block, not on the length of the reply.
 */
export class StreamingMarkdown implements FrameRenderable {
  readonly element: HTMLElement;
  private readonly splitter = new MarkdownBlockSplitter();
  private pending = '';
  private finished = false;
  private openText = '';
  private openElement: HTMLElement | undefined;
  /** Finished blocks are grouped so the browser lays out a few chunks, not thousands of blocks. */
  private chunk: HTMLElement | undefined;
  private blocksInChunk = 0;

  constructor(
    private readonly deps: StreamingMarkdownDeps,
    document: Document,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'markdown';
  }

  /** Queues streamed text; it renders on the next frame. Text after `finish` (Continue) starts new blocks. */
  append(text: string): void {
    if (text === '') return;
    this.finished = false;
    this.pending += text;
    this.deps.scheduler.request(this);
  }

  /** The text is complete: the open block renders as a finished one on the next frame. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.deps.scheduler.request(this);
  }

  /** Renders complete text at once (a turn loaded from history): no frames, no announcements. */
  renderComplete(text: string): void {
    const announce = this.deps.announce;
    this.deps.announce = undefined;
    this.pending += text;
    this.finished = true;
    this.renderPending();
    this.deps.announce = announce;
  }

  renderPending(): void {
    const update = this.splitter.append(this.pending);
    this.pending = '';
    const completed = this.finished ? [...update.completed, ...this.splitter.finish()] : update.completed;
    for (const block of completed) {
      const { element, text } = this.renderBlock(block);
      this.currentChunk().append(element);
      this.deps.announce?.(text);
    }
    const open = this.finished ? '' : update.open;
    if (open === this.openText) return;
    this.openText = open;
    if (open.trim() === '') {
      this.openElement?.remove();
      this.openElement = undefined;
      return;
    }
    const next = this.renderBlock(open).element;
    next.classList.add('open');
    if (this.openElement) this.openElement.replaceWith(next);
    else this.element.append(next);
    this.openElement = next;
  }

  private currentChunk(): HTMLElement {
    if (!this.chunk || this.blocksInChunk >= blocksPerChunk) {
      this.chunk = this.element.ownerDocument.createElement('div');
      this.chunk.className = 'md-chunk';
      this.element.insertBefore(this.chunk, this.openElement ?? null);
      this.blocksInChunk = 0;
    }
    this.blocksInChunk++;
    return this.chunk;
  }

  /** The block's element, and its text as a screen reader should hear it (without toolbar labels). */
  private renderBlock(markdown: string): { element: HTMLElement; text: string } {
    const element = this.element.ownerDocument.createElement('div');
    element.className = 'md-block';
    element.append(this.deps.renderer.render(markdown));
    const text = element.textContent ?? '';
    decorateCodeBlocks(element);
    return { element, text };
  }
}
