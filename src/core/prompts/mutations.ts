import type { Node } from 'web-tree-sitter';

/** A change to a value after it was declared: the request reads it as declared, so it is partial. */
export interface Mutation {
  name: string;
  /** What happens, e.g. `is appended to`. */
  verb: string;
  offset: number;
}

const verbs: Record<string, string> = {
  append: 'is appended to',
  push: 'is appended to',
  extend: 'is extended',
  concat: 'is extended',
  insert: 'has items inserted',
  unshift: 'has items inserted',
  splice: 'is spliced',
  update: 'is updated',
  setdefault: 'is updated',
  add: 'is added to',
  '+=': 'is grown with +=',
  '|=': 'is updated with |=',
  index: 'has an item set',
  property: 'has a field set',
  '=': 'is reassigned',
};

/**
 * What follows a name that changes its value: a mutating method call, `+=`, an item or field
 * assignment, or a plain reassignment. Sticky, tried once per occurrence of the name; the blank runs
 * are bounded by the next occurrence, so the whole search stays linear in the text.
 */
const mutationAfterName = /[ \t]*(?:\.[ \t]*(append|push|extend|concat|insert|unshift|splice|update|setdefault|add)[ \t]*\(|(\+=|\|=)|(\[)[^\]\n]{0,200}\][ \t]*=(?!=)|\.[ \t]*[\w$]+[ \t]*(=)(?!=)|(=)(?![=>]))/y;

const loopTypes = new Set(['for_statement', 'for_in_statement', 'while_statement', 'do_statement']);
const functionTypes = new Set(['function_definition', 'lambda', 'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration']);
const isWordChar = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;

/**
 * Finds later changes to the values a request is built from (`messages.append(...)` in a loop,
 * `docs += [...]`, `params["system"] = ...`). Each (scope, name) is searched once per scan, by text
 * first and confirmed on the tree.
 */
export class MutationFinder {
  private readonly byScope = new Map<string, Mutation[]>();

  constructor(
    private readonly root: Node,
    private readonly text: string,
    /** Changes from here on have not happened yet (the cells below a notebook cell). */
    private readonly visibleEnd = text.length,
  ) {}

  /**
   * Changes to `name` (declared in `scope`, its value ending at `declaredEnd`) that the value read at
   * `use` does not include: made before the use, or after it inside a loop around the use, or anywhere
   * after the declaration when the use is in a function (which runs later).
   */
  affecting(name: string, scope: Node, declaredEnd: number, use: Node): Mutation[] {
    const all = this.inScope(name, scope).filter((mutation) => mutation.offset >= declaredEnd);
    if (all.length === 0) return [];
    const laterToo: { start: number; end: number }[] = [];
    for (let node = use.parent; node && !node.equals(scope); node = node.parent) {
      if (functionTypes.has(node.type)) return all;
      if (loopTypes.has(node.type)) laterToo.push({ start: node.startIndex, end: node.endIndex });
    }
    return all.filter((mutation) => mutation.offset < use.startIndex || laterToo.some((loop) => mutation.offset >= loop.start && mutation.offset < loop.end));
  }

  private inScope(name: string, scope: Node): Mutation[] {
    const key = `${scope.id}:${name}`;
    let found = this.byScope.get(key);
    if (found) return found;
    found = [];
    // An empty name (the parser's stand-in for a missing one) would match everywhere, forever.
    const end = name.length === 0 ? -1 : Math.min(scope.endIndex, this.visibleEnd);
    for (let at = this.text.indexOf(name, scope.startIndex); at >= 0 && at < end; at = this.text.indexOf(name, at + name.length)) {
      const after = at + name.length;
      if ((at > 0 && (isWordChar(this.text.charCodeAt(at - 1)) || this.text[at - 1] === '.')) || isWordChar(this.text.charCodeAt(after))) continue;
      mutationAfterName.lastIndex = after;
      const match = mutationAfterName.exec(this.text);
      if (!match) continue;
      const kind = match[1] ?? match[2] ?? (match[3] ? 'index' : match[4] ? 'property' : '=');
      const node = this.root.descendantForIndex(at, after);
      if (!node || node.startIndex !== at || node.endIndex !== after || !/identifier/.test(node.type)) continue;
      if (kind === '=' && !this.isReassignment(node, scope)) continue;
      found.push({ name, verb: verbs[kind], offset: at });
    }
    this.byScope.set(key, found);
    return found;
  }

  /**
   * A plain `name = ...` changes the value seen in `scope` only from a nested block of the same
   * function (the declarations of `scope` itself are followed in order already); a JS `const`/`let`
   * or an assignment in a nested Python function makes a new variable instead.
   */
  private isReassignment(name: Node, scope: Node): boolean {
    const parent = name.parent;
    if (!parent || parent.type === 'variable_declarator' || parent.type === 'keyword_argument' || parent.type === 'default_parameter' || parent.type === 'typed_default_parameter') return false;
    if (parent.type !== 'assignment' && parent.type !== 'assignment_expression') return false;
    let nested = false;
    for (let node = parent.parent; node && !node.equals(scope); node = node.parent) {
      if (functionTypes.has(node.type)) return false;
      if (node.type === 'block' || node.type === 'statement_block') nested = true;
    }
    return nested;
  }
}

/** `` `docs` is appended to at line 57 `` (lines counted from 1). */
export function describeMutation(mutation: Mutation, where: (offset: number) => string): string {
  return `\`${mutation.name}\` ${mutation.verb} at ${where(mutation.offset)}`;
}

/** `line N` for an offset of `text`. */
export function lineOf(text: string, offset: number): string {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return `line ${line}`;
}
