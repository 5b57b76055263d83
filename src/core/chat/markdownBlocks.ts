// Splits streamed markdown into top-level blocks so the chat page renders each finished block once
// and re-renders only the block still being written. Work per append is proportional to the new
// text (plus the open block when it is read), never to the whole reply.
// Bundled into the webview: no Node or DOM APIs here.

/** What the splitter hands back after each append. */
export interface BlockUpdate {
  /** Blocks that became complete with this append, in order; they will never change again. */
  readonly completed: string[];
  /** The block still being written (may hold a partial last line); '' when there is none. */
  readonly open: string;
}

interface OpenFence {
  readonly char: '`' | '~';
  readonly length: number;
  /** A fence indented under a list item belongs to that item and does not end the list block. */
  readonly inList: boolean;
}

/** Kind of the most recent top-level list item: the bullet character or the ordered delimiter. */
type ListKind = '-' | '*' | '+' | '.' | ')';

const blankLine = /^[ \t]*$/;
const fenceOpener = /^([ \t]*)(`{3,}|~{3,})(.*)$/;
const bulletItem = /^([ \t]*)([-*+])(?:[ \t]|$)/;
const orderedItem = /^([ \t]*)\d{1,9}([.)])(?:[ \t]|$)/;
const thematicBreak = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** Columns of leading whitespace (tabs count as 4, as in CommonMark's tab stops, close enough here). */
function indentOf(line: string): number {
  let columns = 0;
  for (const char of line) {
    if (char === ' ') columns++;
    else if (char === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

function listKindOf(line: string): ListKind | undefined {
  if (thematicBreak.test(line)) return undefined;
  const bullet = bulletItem.exec(line);
  if (bullet) return bullet[2] as ListKind;
  const ordered = orderedItem.exec(line);
  return ordered ? (ordered[2] as ListKind) : undefined;
}

/**
 * Incremental splitter over one streamed reply. Feed it deltas with `append`; call `finish` when the
 * reply ends to flush the open block. Line endings (CRLF, lone CR) are normalised to LF, even when a
 * CRLF pair is split across two deltas.
 *
 * Block boundaries (a deliberately small subset of CommonMark, enough for streamed replies):
 * - a non-blank line after blank lines starts a new block unless it continues a list (indented, or a
 *   list item of the same kind) or an indented code block;
 * - a top-level fenced code block is its own block: it starts a block where it opens and ends it where
 *   it closes; blank lines and anything else inside a fence never split it;
 * - everything else (paragraphs, setext headings, tables, block quotes) stays together until a blank line.
 */
export class MarkdownBlockSplitter {
  /** Complete lines of the open block, trailing blank lines included. */
  private lines: string[] = [];
  /** Text after the last line break: not classified until its line ends. */
  private partial = '';
  /** The previous delta ended in CR: it may be the first half of a CRLF pair. */
  private afterCarriageReturn = false;
  private fence: OpenFence | undefined;
  private listKind: ListKind | undefined;
  private indentedCode = false;
  private blankSinceContent = false;
  private completed: string[] = [];

  /** Adds streamed text and returns the blocks it completed plus the current open block. */
  append(delta: string): BlockUpdate {
    // A CR ends its line at once; an LF arriving first in the next delta is the rest of a CRLF pair.
    const text = (this.afterCarriageReturn && delta.startsWith('\n') ? delta.slice(1) : delta).replace(/\r\n?/g, '\n');
    if (delta !== '') this.afterCarriageReturn = delta.endsWith('\r');

    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.addLine(this.partial + text.slice(start, newline));
      this.partial = '';
      start = newline + 1;
    }
    this.partial += text.slice(start);
    return this.takeUpdate();
  }

  /** Ends the reply: the open block (with any partial line) becomes complete. */
  finish(): string[] {
    if (this.partial !== '') {
      this.addLine(this.partial);
      this.partial = '';
    }
    this.completeBlock();
    return this.takeUpdate().completed;
  }

  /** The open block's text as it would render now. */
  get open(): string {
    if (this.lines.length === 0) return this.partial;
    return this.lines.join('\n') + '\n' + this.partial;
  }

  private takeUpdate(): BlockUpdate {
    const completed = this.completed;
    this.completed = [];
    return { completed, open: this.open };
  }

  private addLine(line: string): void {
    if (this.fence) {
      this.lines.push(line);
      if (this.closesFence(line, this.fence)) {
        const inList = this.fence.inList;
        this.fence = undefined;
        if (!inList) this.completeBlock();
      }
      return;
    }
    if (blankLine.test(line)) {
      // Blank lines between blocks are dropped; inside a block they are kept (a list may go on).
      if (this.lines.length > 0) {
        this.lines.push(line);
        this.blankSinceContent = true;
      }
      return;
    }

    const indent = indentOf(line);
    const kind = listKindOf(line);
    if (this.blankSinceContent && !this.continuesAfterBlank(indent, kind)) this.completeBlock();
    this.blankSinceContent = false;

    const opener = fenceOpener.exec(line);
    if (opener && this.isFenceOpener(opener)) {
      const inList = this.listKind !== undefined && indent >= 2;
      if (!inList && indent <= 3) {
        // A top-level fence interrupts whatever came before and forms its own block.
        this.completeBlock();
        this.fence = { char: opener[2][0] as '`' | '~', length: opener[2].length, inList: false };
        this.lines.push(line);
        return;
      }
      if (inList) {
        this.fence = { char: opener[2][0] as '`' | '~', length: opener[2].length, inList: true };
        this.lines.push(line);
        return;
      }
    }

    if (this.lines.length === 0) this.indentedCode = indent >= 4;
    // Only items near the left margin set the list kind; nested items keep the outer list going.
    if (kind && indent <= 1) this.listKind = kind;
    this.lines.push(line);
  }

  /** Whether a non-blank line after blank lines still belongs to the open block. */
  private continuesAfterBlank(indent: number, kind: ListKind | undefined): boolean {
    if (this.listKind !== undefined) {
      if (indent >= 2) return true;
      if (kind === this.listKind) return true;
    }
    return this.indentedCode && indent >= 4;
  }

  /** Backtick fences may not carry backticks in their info string (that is inline code instead). */
  private isFenceOpener(opener: RegExpExecArray): boolean {
    return !(opener[2][0] === '`' && opener[3].includes('`'));
  }

  /** A closing fence: same character, at least as long, nothing but spaces after it. */
  private closesFence(line: string, fence: OpenFence): boolean {
    const match = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(line);
    return match !== null && match[1][0] === fence.char && match[1].length >= fence.length;
  }

  private completeBlock(): void {
    let end = this.lines.length;
    while (end > 0 && blankLine.test(this.lines[end - 1])) end--;
    if (end > 0) this.completed.push(this.lines.slice(0, end).join('\n'));
    this.lines = [];
    this.listKind = undefined;
    this.indentedCode = false;
    this.blankSinceContent = false;
  }
}
