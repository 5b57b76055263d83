import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { FormatOptions } from '../core/prompts/format';
import type { ModelComparison } from '../core/prompts/modelComparison';
import { callComparison, literalComparison } from '../core/prompts/modelComparison';
import type { OffsetRange, PromptScan } from '../core/prompts/types';
import type { PromptDocuments } from './promptDocuments';

const inside = (offset: number, range: OffsetRange) => offset >= range.start && offset <= range.end;

/** A command link (for the hover's Markdown) that opens the comparison for the prompt at `offset`. */
export function compareModelsLink(uri: vscode.Uri, offset: number): string {
  return `command:${CommandIds.lensCompareModels}?${encodeURIComponent(JSON.stringify([uri.toString(), offset]))}`;
}

/** The call (innermost) or prompt constant at `offset`, with its comparison. */
function comparisonAt(scan: PromptScan, offset: number, options: FormatOptions): { title: string; comparison: ModelComparison } | undefined {
  const call = scan.calls.filter((candidate) => inside(offset, candidate.range)).sort((a, b) => b.range.start - a.range.start)[0];
  if (call) return { title: `Compare models: ${call.method}`, comparison: callComparison(call, options) };
  const literal = scan.literals.find((candidate) => inside(offset, candidate.range));
  if (literal) return { title: `Compare models: prompt text ${literal.name}`, comparison: literalComparison(literal, options) };
  return undefined;
}

/**
 * Every compared model for the call or constant at `offset` of an open document (or at the cursor),
 * one row each: a list reads in any editor width, where a table would not. Picking a model copies its id
 * (and returns it).
 */
export async function showModelComparison(documents: PromptDocuments, formatOptions: () => FormatOptions, uri?: unknown, offset?: unknown): Promise<string | undefined> {
  let document: vscode.TextDocument | undefined;
  let at: number | undefined;
  if ((typeof uri === 'string' || uri instanceof vscode.Uri) && typeof offset === 'number') {
    // Only documents already open: a link (or another extension) must not make us open files.
    const wanted = uri.toString();
    document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === wanted);
    at = offset;
  } else if (vscode.window.activeTextEditor) {
    document = vscode.window.activeTextEditor.document;
    at = document.offsetAt(vscode.window.activeTextEditor.selection.active);
  }
  const found = document && at !== undefined ? comparisonAt(await documents.scan(document), at, formatOptions()) : undefined;
  if (!found) {
    void vscode.window.showInformationMessage('Put the cursor on a Claude API call or a long prompt constant to compare models.');
    return undefined;
  }
  const items = found.comparison.rows.map((row) => ({
    label: row.modelId,
    description: [row.summary, ...(row.own ? ['this call'] : []), ...(row.cheapest ? ['cheapest that fits'] : [])].join(' · '),
    detail: row.detail,
    modelId: row.modelId,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: found.title,
    placeHolder: `${found.comparison.saving ? `${found.comparison.saving} ` : ''}Pick a model to copy its id.`,
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  await vscode.env.clipboard.writeText(picked.modelId);
  vscode.window.setStatusBarMessage(`Copied ${picked.modelId}`, 3000);
  return picked.modelId;
}
