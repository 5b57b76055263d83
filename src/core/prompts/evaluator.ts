import type { Node } from 'web-tree-sitter';
import type { Mutation, MutationFinder } from './mutations';
import type { OffsetRange, StaticValue } from './types';

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
  /** What the evaluations since the last call followed (and clears it). */
  takeFollowed(): Followed;
}

/** What evaluating a value followed. */
export interface Followed {
  /** Names of the constants followed. */
  usedNames: string[];
  /** Later changes to the values followed. */
  mutations: Mutation[];
  dependencies: Dependencies;
}

/** How an evaluator is set up for one scan. */
export interface EvaluatorOptions {
  /** The whole text of the tree. */
  text: string;
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

  constructor(
    private readonly finder: MutationFinder | undefined,
    private readonly declarations: DeclarationIndex,
  ) {}

  follow(name: string, declared: Declared, use: Node): void {
    this.used.add(name);
    for (const mutation of this.finder?.affecting(name, declared.scope, declared.value.endIndex, use) ?? []) this.mutations.set(mutation.offset, mutation);
  }

  take(): Followed {
    const followed = {
      usedNames: [...this.used],
      mutations: [...this.mutations.values()].sort((a, b) => a.offset - b.offset),
      dependencies: this.declarations.takeDependencies(),
    };
    this.used = new Set();
    this.mutations = new Map();
    return followed;
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

/** A declaration found in a block: its statement, and the declared value. */
interface Declaration {
  start: number;
  end: number;
  value: Node;
}

/** What a value read from the source depends on, so a scan can tell whether an edit changes it. */
export interface Dependencies {
  /** Every name looked up, found or not (a declaration added, removed or changed elsewhere matters). */
  names: string[];
  /** The module-level statements whose declarations were read (their text matters, wherever it is). */
  statements: OffsetRange[];
}

/** What follows a declared name (after any blanks): `=`, `:` (a type), `(`/`<` (a function), `!`, a comment or a line continuation. */
const declarationFollows = /\s*(?:=(?![=>])|[:(<!/#\\])/y;
const isWordChar = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36 || code > 127;

/**
 * The declarations of each block, collected once per scan. A nested block is indexed whole on its
 * first lookup; the module is searched per name instead (its text for the name, confirmed on the tree),
 * so a scan that reads a few module constants does not walk thousands of top-level statements.
 */
export class DeclarationIndex {
  private readonly blocks = new Map<number, Map<string, Declaration[]>>();
  private readonly moduleNames = new Map<string, Declaration[]>();
  private lookedUp = new Set<string>();
  private readStatements = new Map<number, OffsetRange>();

  constructor(
    private readonly declarationsIn: (statement: Node) => [name: string, value: Node][],
    private readonly text: string,
    /** Declarations from here on are not seen (the cells below a notebook cell have not run). */
    private readonly visibleEnd = Infinity,
  ) {}

  /**
   * The value declared for `name` in `block` as seen from `useStart`: the last declaration before
   * the use, or with `allowLater` (module level, read by functions that run later) the first after it.
   */
  lookup(block: Node, name: string, useStart: number, allowLater: boolean): Node | null {
    this.lookedUp.add(name);
    const isModule = block.parent === null;
    const declarations = isModule ? this.inModule(block, name) : this.inBlock(block).get(name);
    if (!declarations) return null;
    let before: Declaration | undefined;
    let found: Declaration | undefined;
    for (const declaration of declarations) {
      if (declaration.start < useStart) before = declaration;
      else {
        found = before ?? (allowLater && declaration.start < this.visibleEnd ? declaration : undefined);
        break;
      }
    }
    found ??= before;
    if (found && isModule) this.readStatements.set(found.start, { start: found.start, end: found.end });
    return found?.value ?? null;
  }

  /** What the lookups since the last call depended on. */
  takeDependencies(): Dependencies {
    const dependencies = { names: [...this.lookedUp], statements: [...this.readStatements.values()] };
    this.lookedUp = new Set();
    this.readStatements = new Map();
    return dependencies;
  }

  private inBlock(block: Node): Map<string, Declaration[]> {
    let names = this.blocks.get(block.id);
    if (!names) {
      names = new Map();
      for (const statement of namedChildren(block)) {
        for (const [declared, value] of this.declarationsIn(statement)) {
          const list = names.get(declared) ?? [];
          list.push({ start: statement.startIndex, end: statement.endIndex, value });
          names.set(declared, list);
        }
      }
      this.blocks.set(block.id, names);
    }
    return names;
  }

  /** The module-level declarations of `name`, in order: each whole-word occurrence that may declare it, asked of the tree. */
  private inModule(root: Node, name: string): Declaration[] {
    let found = this.moduleNames.get(name);
    if (found) return found;
    found = [];
    // A name the parser made up to recover from an error is empty: searching the text for it would never end.
    if (name.length === 0) return found;
    const { text } = this;
    let lastStatement = -1;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      const after = at + name.length;
      if ((at > 0 && isWordChar(text.charCodeAt(at - 1))) || isWordChar(text.charCodeAt(after))) continue;
      declarationFollows.lastIndex = after;
      if (!declarationFollows.test(text)) continue;
      const statement = root.firstChildForIndex(at);
      if (!statement || statement.startIndex > at || statement.startIndex === lastStatement) continue;
      lastStatement = statement.startIndex;
      for (const [declared, value] of this.declarationsIn(statement)) {
        if (declared === name) found.push({ start: statement.startIndex, end: statement.endIndex, value });
      }
    }
    this.moduleNames.set(name, found);
    return found;
  }
}
