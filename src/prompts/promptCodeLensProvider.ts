import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { FormatOptions } from '../core/prompts/format';
import { literalLensTitle } from '../core/prompts/format';
import { LensTitles } from '../core/prompts/lensTitles';
import type { OffsetRange } from '../core/prompts/types';
import type { PromptDocuments } from './promptDocuments';

/** CodeLenses with token and cost estimates above Claude API calls and long prompt constants. */
export class PromptCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  /** Titles of the calls an edit did not touch are not worked out again. */
  private readonly titles = new LensTitles();

  constructor(
    private readonly documents: PromptDocuments,
    private readonly formatOptions: () => FormatOptions,
    private readonly enabled: (document: vscode.TextDocument) => boolean,
  ) {}

  /** Asks the editor to ask again (settings changed, exact counts arrived). */
  refresh(): void {
    this.titles.forget();
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
          tooltip: 'Estimated input tokens and the cost of the input; click for output, cache and batch prices and other models',
          command: CommandIds.lensShowDetails,
          arguments: [document.uri, focus],
        }),
      );
    };
    for (const call of scan.calls) lens(call.range, call.calleeRange.end - 1, this.titles.callTitle(call, options));
    for (const literal of scan.literals) lens(literal.range, literal.valueRange.start, literalLensTitle(literal, options));
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
