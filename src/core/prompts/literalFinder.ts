import type { Node } from 'web-tree-sitter';
import type { Evaluator } from './evaluator';
import type { Found } from './found';
import { found as record } from './found';
import type { OffsetRange, PromptLiteral } from './types';

/** The words that make a name prompt-like: `SYSTEM_PROMPT`, `instructions`, `systemMessage`, `PROMPT_TEMPLATE`. */
const promptWords = /prompt|instruction|system|template|preamble|persona/gi;
/** Longer words are data (base64, minified code), never a constant's name. */
const maxNameChars = 200;
const isWordChar = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;

/**
 * The prompt-like names in `text` with their offsets. A regex with `[\w$]*` on both sides of the word
 * restarts at every character of a long word run (18 s for 80K characters); here each hit is widened
 * to its word by hand and the search resumes after that word, so every character is looked at a
 * bounded number of times.
 */
function* promptLikeNames(text: string, region: OffsetRange): Generator<{ name: string; start: number }> {
  const promptWord = new RegExp(promptWords);
  promptWord.lastIndex = region.start;
  for (let hit = promptWord.exec(text); hit && hit.index < region.end; hit = promptWord.exec(text)) {
    // The previous word ended on a non-word character, so widening left never crosses into it.
    let start = hit.index;
    while (start > region.start && isWordChar(text.charCodeAt(start - 1))) start--;
    let end = hit.index + hit[0].length;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    promptWord.lastIndex = end;
    if (end - start <= maxNameChars) yield { name: text.slice(start, end), start };
  }
}

/** Literals shorter than this are labels, not prompts: no lens. */
export const minPromptLiteralChars = 300;

/**
 * Finds long prompt-like string constants. Like the call finder it looks only where a prompt-like
 * name occurs in the text, and the parser decides whether that name is being declared. Constants
 * read but too short come back too, without an item: an edit elsewhere may make them long enough.
 */
export function findPromptLiterals(
  root: Node,
  text: string,
  evaluator: Evaluator,
  minChars = minPromptLiteralChars,
  region: OffsetRange = { start: 0, end: text.length },
): Found<PromptLiteral>[] {
  const literals: Found<PromptLiteral>[] = [];
  for (const { name: word, start } of promptLikeNames(text, region)) {
    const name = root.descendantForIndex(start, start + word.length);
    if (!name || name.startIndex !== start || name.endIndex !== start + word.length) continue;
    if (name.type !== 'identifier' && name.type !== 'property_identifier') continue;
    const valueNode = evaluator.declaredValue(name);
    if (!valueNode || !isStringExpression(valueNode)) continue;
    evaluator.takeFollowed();
    const value = evaluator.evaluate(valueNode);
    const followed = evaluator.takeFollowed();
    if (value.kind !== 'string' || value.text.length < minChars) {
      literals.push(record<PromptLiteral>(undefined, root, start, followed));
      continue;
    }
    const declaration = statementOf(name);
    const literal: PromptLiteral = {
      name: name.text,
      range: { start: declaration.startIndex, end: declaration.endIndex },
      valueRange: { start: valueNode.startIndex, end: valueNode.endIndex },
      text: value.text,
      unknownParts: value.unknownParts,
      model: undefined,
    };
    literals.push(record(literal, root, start, followed));
  }
  return literals;
}

/** Only string-shaped initialisers count (a template, a concatenation, a dedent call), not objects. */
function isStringExpression(node: Node): boolean {
  return /string|template|binary|call|concatenated|parenthesized|as_expression|satisfies/.test(node.type);
}

/**
 * The statement a declaration name belongs to (the lens goes above it): at most a top-level one, also
 * when the file does not parse and the root is an error node.
 */
function statementOf(name: Node): Node {
  let node = name;
  while (node.parent?.parent && !/^(program|module|statement_block|block|class_body)$/.test(node.parent.type)) node = node.parent;
  return node;
}
