import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { FormatOptions } from '../core/prompts/format';
import { callHoverMarkdown, literalHoverMarkdown } from '../core/prompts/hoverMarkdown';
import type { OffsetRange } from '../core/prompts/types';
import { compareModelsLink } from './compareModels';
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
      if (span) return new vscode.Hover(trusted(callHoverMarkdown(call, this.formatOptions(), compareModelsLink(document.uri, call.calleeRange.end - 1))), range(span));
    }
    const literal = scan.literals.find((candidate) => inside(offset, candidate.range));
    if (literal) return new vscode.Hover(trusted(literalHoverMarkdown(literal, this.formatOptions(), compareModelsLink(document.uri, literal.valueRange.start))), range(literal.range));
    return undefined;
  }
}

/** Markdown whose only runnable link is the comparison (the rest is text from the user's source, escaped). */
function trusted(markdown: string): vscode.MarkdownString {
  const result = new vscode.MarkdownString(markdown);
  result.isTrusted = { enabledCommands: [CommandIds.lensCompareModels] };
  return result;
}
