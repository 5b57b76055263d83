import type { Tree } from 'web-tree-sitter';
import { findCalls } from './callFinder';
import type { Evaluator } from './evaluator';
import { JsEvaluator } from './jsEvaluator';
import { lineOf, MutationFinder } from './mutations';
import { findPromptLiterals } from './literalFinder';
import { PyEvaluator } from './pyEvaluator';
import type { PromptLanguage, PromptScan } from './types';

export function evaluatorFor(language: PromptLanguage, mutations?: MutationFinder): Evaluator {
  return language === 'python' ? new PyEvaluator(mutations) : new JsEvaluator(mutations);
}

/** Every SDK call and long prompt constant in a parsed file, with offsets into `text`. */
export function extractPrompts(tree: Tree, text: string, language: PromptLanguage): PromptScan {
  const evaluator = evaluatorFor(language, new MutationFinder(tree.rootNode, text));
  const { calls, usedNames } = findCalls(tree.rootNode, text, evaluator, (offset) => lineOf(text, offset));
  const literals = findPromptLiterals(tree.rootNode, text, evaluator);
  for (const literal of literals) {
    // A constant used by a call is priced with that call's model.
    const user = calls.find((call) => usedNames.get(call)?.includes(literal.name) && call.requests[0]?.model);
    literal.model = user?.requests[0]?.model;
  }
  return { calls, literals };
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
