import * as vscode from 'vscode';
import type { FormatOptions } from '../core/prompts/format';
import { callHoverMarkdown, literalHoverMarkdown } from '../core/prompts/format';
import type { OffsetRange } from '../core/prompts/types';
import type { PromptDocuments } from './promptDocuments';

const inside = (offset: number, range: OffsetRange) => offset >= range.start && offset <= range.end;

/**
 * The price comparison hover. It shows on the callee of an SDK call (`client.messages.create`), on the
 * prompt strings inside the call, and on a long prompt constant; not on every token of a long call.
 */
export class PromptHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly documents: PromptDocuments,
    private readonly formatOptions: () => FormatOptions,
    private readonly enabled: (document: vscode.TextDocument) => boolean,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.enabled(document)) return undefined;
    const scan = await this.documents.scan(document);
    if (token.isCancellationRequested) return undefined;
    const offset = document.offsetAt(position);
    const range = (span: OffsetRange) => new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
    // Innermost first: a call nested in another call's arguments wins.
    const calls = scan.calls.filter((call) => inside(offset, call.range)).sort((a, b) => b.range.start - a.range.start);
    for (const call of calls) {
      const span = inside(offset, call.calleeRange) ? call.calleeRange : call.promptSpans.find((candidate) => inside(offset, candidate));
      if (span) return new vscode.Hover(new vscode.MarkdownString(callHoverMarkdown(call, this.formatOptions())), range(span));
    }
    const literal = scan.literals.find((candidate) => inside(offset, candidate.range));
    if (literal) return new vscode.Hover(new vscode.MarkdownString(literalHoverMarkdown(literal, this.formatOptions())), range(literal.range));
    return undefined;
  }
}
