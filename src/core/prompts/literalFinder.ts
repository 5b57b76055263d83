import type { Node } from 'web-tree-sitter';
import type { Evaluator } from './evaluator';
import type { PromptLiteral } from './types';

/** Constants named like a prompt: `SYSTEM_PROMPT`, `prompt`, `instructions`, `systemMessage`, `PROMPT_TEMPLATE`. */
const promptWord = /[\w$]*(?:prompt|instruction|system|template|preamble|persona)[\w$]*/gi;

/** Literals shorter than this are labels, not prompts: no lens. */
export const minPromptLiteralChars = 300;

/**
 * Finds long prompt-like string constants. Like the call finder it looks only where a prompt-like
 * name occurs in the text, and the parser decides whether that name is being declared.
 */
export function findPromptLiterals(root: Node, text: string, evaluator: Evaluator, minChars = minPromptLiteralChars): PromptLiteral[] {
  const literals: PromptLiteral[] = [];
  for (const match of text.matchAll(promptWord)) {
    const start = match.index;
    const name = root.descendantForIndex(start, start + match[0].length);
    if (!name || name.startIndex !== start || name.endIndex !== start + match[0].length) continue;
    if (name.type !== 'identifier' && name.type !== 'property_identifier') continue;
    const valueNode = evaluator.declaredValue(name);
    if (!valueNode || !isStringExpression(valueNode)) continue;
    const value = evaluator.evaluate(valueNode);
    if (value.kind !== 'string' || value.text.length < minChars) continue;
    const declaration = statementOf(name);
    literals.push({
      name: name.text,
      range: { start: declaration.startIndex, end: declaration.endIndex },
      valueRange: { start: valueNode.startIndex, end: valueNode.endIndex },
      text: value.text,
      unknownParts: value.unknownParts,
      model: undefined,
    });
  }
  return literals;
}

/** Only string-shaped initialisers count (a template, a concatenation, a dedent call), not objects. */
function isStringExpression(node: Node): boolean {
  return /string|template|binary|call|concatenated|parenthesized|as_expression|satisfies/.test(node.type);
}

/** The statement a declaration name belongs to (the lens goes above it). */
function statementOf(name: Node): Node {
  let node = name;
  while (node.parent && !/^(program|module|statement_block|block|class_body)$/.test(node.parent.type)) node = node.parent;
  return node;
}
