import type { Node } from 'web-tree-sitter';
import type { Mutation, MutationFinder } from './mutations';
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
  /** Later changes to the values followed since the last `takeMutations()`. */
  takeMutations(): Mutation[];
}

/** How an evaluator is set up for one scan. */
export interface EvaluatorOptions {
  /** Finds later changes to the names followed (none when absent). */
  mutations?: MutationFinder;
  /** End of the text whose declarations count (a notebook cell and those above it). */
  visibleEnd?: number;
}

/** A declaration found for a name: its value and the block it is declared in. */
export interface Declared {
  value: Node;
  scope: Node;
}

/** What an evaluator collects while it follows names: the names, and the changes made to them later. */
export class FollowedNames {
  private used = new Set<string>();
  private mutations = new Map<number, Mutation>();

  constructor(private readonly finder: MutationFinder | undefined) {}

  follow(name: string, declared: Declared, use: Node): void {
    this.used.add(name);
    for (const mutation of this.finder?.affecting(name, declared.scope, declared.value.endIndex, use) ?? []) this.mutations.set(mutation.offset, mutation);
  }

  takeUsedNames(): string[] {
    const names = [...this.used];
    this.used = new Set();
    return names;
  }

  takeMutations(): Mutation[] {
    const mutations = [...this.mutations.values()].sort((a, b) => a.offset - b.offset);
    this.mutations = new Map();
    return mutations;
  }
}

/** Deepest chain of constants followed before giving up (guards against cycles like `a = b; b = a`). */
export const maxResolveDepth = 12;

/**
 * Named children without the comments tree-sitter attaches as extras. Fetched in one call:
 * `namedChild(i)` walks from the first child each time, quadratic on a module with thousands of statements.
 */
export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
}

/** A declaration found in a block: where its statement starts, and the declared value. */
interface Declaration {
  start: number;
  value: Node;
}

/**
 * The declarations of each block, collected once per scan: a 5,000-line module has thousands of
 * top-level statements, and walking them again for every identifier dominated the scan time.
 */
export class DeclarationIndex {
  private readonly blocks = new Map<number, Map<string, Declaration[]>>();

  constructor(
    private readonly declarationsIn: (statement: Node) => [name: string, value: Node][],
    /** Declarations from here on are not seen (the cells below a notebook cell have not run). */
    private readonly visibleEnd = Infinity,
  ) {}

  /**
   * The value declared for `name` in `block` as seen from `useStart`: the last declaration before
   * the use, or with `allowLater` (module level, read by functions that run later) the first after it.
   */
  lookup(block: Node, name: string, useStart: number, allowLater: boolean): Node | null {
    let names = this.blocks.get(block.id);
    if (!names) {
      names = new Map();
      for (const statement of namedChildren(block)) {
        for (const [declared, value] of this.declarationsIn(statement)) {
          const list = names.get(declared) ?? [];
          list.push({ start: statement.startIndex, value });
          names.set(declared, list);
        }
      }
      this.blocks.set(block.id, names);
    }
    const declarations = names.get(name);
    if (!declarations) return null;
    let before: Node | null = null;
    for (const declaration of declarations) {
      if (declaration.start < useStart) before = declaration.value;
      else return before ?? (allowLater && declaration.start < this.visibleEnd ? declaration.value : null);
    }
    return before;
  }
}
