import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { FormatOptions } from '../core/prompts/format';
import { callLensTitle, literalLensTitle } from '../core/prompts/format';
import type { OffsetRange } from '../core/prompts/types';
import type { PromptDocuments } from './promptDocuments';

/** CodeLenses with token and cost estimates above Claude API calls and long prompt constants. */
export class PromptCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly documents: PromptDocuments,
    private readonly formatOptions: () => FormatOptions,
    private readonly enabled: (document: vscode.TextDocument) => boolean,
  ) {}

  /** Asks the editor to ask again (settings changed, exact counts arrived). */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!this.enabled(document)) return [];
    const scan = await this.documents.scan(document);
    if (token.isCancellationRequested) return [];
    const options = this.formatOptions();
    const lenses: vscode.CodeLens[] = [];
    const lens = (anchor: OffsetRange, focus: number, title: string) => {
      const range = new vscode.Range(document.positionAt(anchor.start), document.positionAt(anchor.start));
      lenses.push(
        new vscode.CodeLens(range, {
          title,
          tooltip: 'Estimated input tokens and cost; click for the comparison of models',
          command: CommandIds.lensShowDetails,
          arguments: [document.uri, focus],
        }),
      );
    };
    for (const call of scan.calls) lens(call.range, call.calleeRange.end - 1, callLensTitle(call, options));
    for (const literal of scan.literals) lens(literal.range, literal.valueRange.start, literalLensTitle(literal, options));
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
