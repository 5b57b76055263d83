import type { Node, Tree } from 'web-tree-sitter';
import { findCalls } from './callFinder';
import type { Evaluator, EvaluatorOptions } from './evaluator';
import type { Found } from './found';
import { JsEvaluator } from './jsEvaluator';
import { lineOf, MutationFinder } from './mutations';
import { findPromptLiterals } from './literalFinder';
import { PyEvaluator } from './pyEvaluator';
import type { OffsetRange, PromptCall, PromptLanguage, PromptLiteral, PromptScan } from './types';

export function evaluatorFor(language: PromptLanguage, options: EvaluatorOptions): Evaluator {
  return language === 'python' ? new PyEvaluator(options) : new JsEvaluator(options);
}

/** Narrows a scan to part of the text: one notebook cell, read with the cells above it. */
export interface ScanRegion extends OffsetRange {
  /** Says where an offset is for the hover (`line 57`, `cell 3, line 2`). */
  where?: (offset: number) => string;
}

/** The calls and prompt constants found in some regions of a file, each with what it was read from. */
export interface FoundPrompts {
  calls: Found<PromptCall>[];
  literals: Found<PromptLiteral>[];
}

/**
 * Every SDK call and long prompt constant in a parsed file, with offsets into `text`. With a
 * `region`, only those inside it, and names resolve only to declarations before the region's end.
 */
export function extractPrompts(tree: Tree, text: string, language: PromptLanguage, region?: ScanRegion): PromptScan {
  const bounds = { start: region?.start ?? 0, end: region?.end ?? text.length };
  return assemblePrompts(findPrompts(tree.rootNode, text, language, [bounds], region));
}

/**
 * The calls and prompt constants inside `regions` (in text order, not overlapping), read with one
 * evaluator so declarations and later changes are looked up once for all of them.
 */
export function findPrompts(root: Node, text: string, language: PromptLanguage, regions: OffsetRange[], cell?: ScanRegion): FoundPrompts {
  const visibleEnd = cell?.end ?? text.length;
  const evaluator = evaluatorFor(language, { text, mutations: new MutationFinder(root, text, visibleEnd), visibleEnd: cell?.end });
  const where = cell?.where ?? ((offset: number) => lineOf(text, offset));
  const found: FoundPrompts = { calls: [], literals: [] };
  for (const region of regions) {
    found.calls.push(...findCalls(root, text, evaluator, where, region));
    found.literals.push(...findPromptLiterals(root, text, evaluator, undefined, region));
  }
  return found;
}

/** The scan the lens shows: calls, and the constants long enough to price (with the model of a call that uses them). */
export function assemblePrompts(found: FoundPrompts): PromptScan {
  const calls = found.calls.map((call) => call.item!);
  const literals: PromptLiteral[] = [];
  for (const { item } of found.literals) {
    if (!item) continue;
    // A constant used by a call is priced with that call's model.
    const user = found.calls.find((call) => call.usedNames.includes(item.name) && call.item!.requests[0]?.model);
    literals.push({ ...item, model: user?.item!.requests[0]?.model });
  }
  return { calls, literals };
}

/** A scan with every offset moved by `delta` (a cell's scan in the cell's own offsets). */
export function shiftScan(scan: PromptScan, delta: number): PromptScan {
  return { calls: scan.calls.map((call) => shiftCall(call, delta)), literals: scan.literals.map((literal) => shiftLiteral(literal, delta)) };
}

export function shiftCall(call: PromptCall, delta: number): PromptCall {
  return { ...call, range: shiftRange(call.range, delta), calleeRange: shiftRange(call.calleeRange, delta), promptSpans: call.promptSpans.map((span) => shiftRange(span, delta)) };
}

export function shiftLiteral(literal: PromptLiteral, delta: number): PromptLiteral {
  return { ...literal, range: shiftRange(literal.range, delta), valueRange: shiftRange(literal.valueRange, delta) };
}

function shiftRange(range: OffsetRange, delta: number): OffsetRange {
  return { start: range.start + delta, end: range.end + delta };
}

/** The grammar for a VS Code language id or file name, or undefined when we do not scan it. */
export function promptLanguageOf(languageId: string, fileName: string): PromptLanguage | undefined {
  switch (languageId) {
    case 'typescript':
      return 'typescript';
    case 'typescriptreact':
      return 'tsx';
    case 'javascript':
    case 'javascriptreact':
      return 'javascript';
    case 'python':
      return 'python';
  }
  if (/\.(m|c)?tsx?$/.test(fileName)) return fileName.endsWith('x') ? 'tsx' : 'typescript';
  if (/\.(m|c)?jsx?$/.test(fileName)) return 'javascript';
  if (/\.pyi?$/.test(fileName)) return 'python';
  return undefined;
}
