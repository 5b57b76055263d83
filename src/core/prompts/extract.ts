import type { Tree } from 'web-tree-sitter';
import { findCalls } from './callFinder';
import type { Evaluator, EvaluatorOptions } from './evaluator';
import { JsEvaluator } from './jsEvaluator';
import { lineOf, MutationFinder } from './mutations';
import { findPromptLiterals } from './literalFinder';
import { PyEvaluator } from './pyEvaluator';
import type { OffsetRange, PromptLanguage, PromptScan } from './types';

export function evaluatorFor(language: PromptLanguage, options?: EvaluatorOptions): Evaluator {
  return language === 'python' ? new PyEvaluator(options) : new JsEvaluator(options);
}

/** Narrows a scan to part of the text: one notebook cell, read with the cells above it. */
export interface ScanRegion extends OffsetRange {
  /** Says where an offset is for the hover (`line 57`, `cell 3, line 2`). */
  where?: (offset: number) => string;
}

/**
 * Every SDK call and long prompt constant in a parsed file, with offsets into `text`. With a
 * `region`, only those inside it, and names resolve only to declarations before the region's end.
 */
export function extractPrompts(tree: Tree, text: string, language: PromptLanguage, region?: ScanRegion): PromptScan {
  const bounds = { start: region?.start ?? 0, end: region?.end ?? text.length };
  const evaluator = evaluatorFor(language, { mutations: new MutationFinder(tree.rootNode, text, bounds.end), visibleEnd: region?.end });
  const where = region?.where ?? ((offset: number) => lineOf(text, offset));
  const { calls, usedNames } = findCalls(tree.rootNode, text, evaluator, where, bounds);
  const literals = findPromptLiterals(tree.rootNode, text, evaluator, undefined, bounds);
  for (const literal of literals) {
    // A constant used by a call is priced with that call's model.
    const user = calls.find((call) => usedNames.get(call)?.includes(literal.name) && call.requests[0]?.model);
    literal.model = user?.requests[0]?.model;
  }
  return { calls, literals };
}

/** A scan with every offset moved by `delta` (a cell's scan in the cell's own offsets). */
export function shiftScan(scan: PromptScan, delta: number): PromptScan {
  const move = (range: OffsetRange): OffsetRange => ({ start: range.start + delta, end: range.end + delta });
  return {
    calls: scan.calls.map((call) => ({ ...call, range: move(call.range), calleeRange: move(call.calleeRange), promptSpans: call.promptSpans.map(move) })),
    literals: scan.literals.map((literal) => ({ ...literal, range: move(literal.range), valueRange: move(literal.valueRange) })),
  };
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
