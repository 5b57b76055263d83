import type { Node } from 'web-tree-sitter';
import type { StaticValue } from './types';

/** Reads values out of a syntax tree for one language (JS/TS or Python). */
export interface Evaluator {
  /** The value of an expression, following constants defined in the same file. */
  evaluate(node: Node): StaticValue;
  /** The request params of an SDK call: the first argument in JS, the keyword arguments in Python. */
  callParams(call: Node): StaticValue;
  /** The callee of a call expression. */
  callee(call: Node): Node | null;
  /** Whether a node is a call expression. */
  isCall(node: Node): boolean;
  /** Whether a node is a member access (`a.b`), the links of a callee chain. */
  isMember(node: Node): boolean;
  /** For a declaration name (`const NAME = ...`, `NAME = ...`), the declared value; otherwise null. */
  declaredValue(name: Node): Node | null;
  /** Names of the constants followed since the last `takeUsedNames()`. */
  takeUsedNames(): string[];
}

/** Deepest chain of constants followed before giving up (guards against cycles like `a = b; b = a`). */
export const maxResolveDepth = 12;

/** Named children without the comments tree-sitter attaches as extras. */
export function namedChildren(node: Node): Node[] {
  const children: Node[] = [];
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (child && child.type !== 'comment') children.push(child);
  }
  return children;
}
