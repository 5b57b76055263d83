import type { Node } from 'web-tree-sitter';
import { decodePythonEscapes } from './escapes';
import type { Evaluator } from './evaluator';
import type { Declared, EvaluatorOptions, Followed } from './evaluator';
import { DeclarationIndex, FollowedNames, maxResolveDepth, namedChildren } from './evaluator';
import { concatStrings, dedent, formatValue, joinValue, mapText, numberValue, repeatValue, replaceValue, spreadEntries, spreadItems, stringValue, unknownValue } from './staticValue';
import type { PythonParameter } from './toolDefinitions';
import { toolFromPythonFunction } from './toolDefinitions';
import type { StaticValue } from './types';

const dedentNames = new Set(['dedent', 'textwrap.dedent', 'cleandoc', 'inspect.cleandoc']);
const environmentGetters = new Set(['os.environ.get', 'os.getenv', 'getenv', 'environ.get']);

/** Reads literal values out of a Python syntax tree. */
export class PyEvaluator implements Evaluator {
  private readonly followed: FollowedNames;
  /** Loop variables of the comprehension being evaluated. */
  private readonly bindings = new Map<string, StaticValue>();
  private readonly declarations: DeclarationIndex;

  constructor(options: EvaluatorOptions) {
    this.declarations = new DeclarationIndex(assignmentsIn, options.text, options.visibleEnd);
    this.followed = new FollowedNames(options.mutations, this.declarations);
  }

  evaluate(node: Node, depth = 0): StaticValue {
    if (depth > maxResolveDepth) return unknownValue(node.text);
    switch (node.type) {
      case 'string':
        return this.stringLiteral(node, depth);
      case 'concatenated_string':
        return concatStrings(namedChildren(node).map((child) => this.evaluate(child, depth)));
      case 'integer':
      case 'float':
        return numberValue(node.text);
      case 'true':
      case 'false':
        return { kind: 'boolean', value: node.type === 'true' };
      case 'none':
        return { kind: 'null' };
      case 'list':
      case 'tuple':
        return this.list(node, depth);
      case 'dictionary':
        return this.dictionary(node, depth);
      case 'identifier':
        return this.identifier(node, depth);
      case 'parenthesized_expression': {
        const inner = namedChildren(node)[0];
        return inner ? this.evaluate(inner, depth) : unknownValue(node.text);
      }
      case 'binary_operator':
        return this.binary(node, depth);
      case 'boolean_operator': {
        // `os.environ.get("MODEL") or "claude-…"`: the fallback is what runs unless configured otherwise.
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right || node.childForFieldName('operator')?.type !== 'or') return unknownValue(node.text);
        const a = this.evaluate(left, depth + 1);
        return a.kind === 'unknown' ? this.evaluate(right, depth + 1) : a;
      }
      case 'call':
        return this.call(node, depth);
      case 'list_comprehension':
      case 'generator_expression':
        return this.comprehension(node, depth);
      case 'function_definition':
        return this.functionValue(node);
      case 'subscript':
        return this.subscript(node, depth);
      default:
        return unknownValue(node.text);
    }
  }

  callParams(call: Node): StaticValue {
    const args = call.childForFieldName('arguments');
    return args && args.type === 'argument_list' ? this.keywordArguments(args, 0) : unknownValue(call.text);
  }

  callee(call: Node): Node | null {
    return call.childForFieldName('function');
  }

  isCall(node: Node): boolean {
    return node.type === 'call';
  }

  isMember(node: Node): boolean {
    return node.type === 'attribute';
  }

  declaredValue(name: Node): Node | null {
    const parent = name.parent;
    if (parent?.type === 'assignment' && parent.childForFieldName('left')?.equals(name)) return parent.childForFieldName('right');
    return null;
  }

  takeFollowed(): Followed {
    return this.followed.take();
  }

  private stringLiteral(node: Node, depth: number): StaticValue {
    const prefix = (namedChildren(node)[0]?.text ?? '').replace(/["']/g, '').toLowerCase();
    const raw = prefix.includes('r');
    const formatted = prefix.includes('f');
    const pieces: StaticValue[] = [];
    for (const child of namedChildren(node)) {
      if (child.type === 'string_content') {
        let text = child.text;
        if (formatted) text = text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
        if (!raw) text = decodePythonEscapes(text);
        pieces.push(stringValue(text));
      } else if (child.type === 'interpolation') {
        const expression = child.childForFieldName('expression');
        const hasFormat = namedChildren(child).some((part) => part.type === 'format_specifier' || part.type === 'type_conversion');
        pieces.push(expression && !hasFormat ? this.evaluate(expression, depth + 1) : unknownValue(child.text));
      }
    }
    const joined = concatStrings(pieces);
    return { ...joined, spans: [{ start: node.startIndex, end: node.endIndex }] };
  }

  private list(node: Node, depth: number): StaticValue {
    const items: StaticValue[] = [];
    let open = false;
    for (const child of namedChildren(node)) {
      if (child.type === 'list_splat') open = spreadItems(items, this.evaluate(namedChildren(child)[0] ?? child, depth + 1)) || open;
      else items.push(this.evaluate(child, depth));
    }
    return { kind: 'array', items, open };
  }

  private dictionary(node: Node, depth: number): StaticValue {
    const entries = new Map<string, StaticValue>();
    let open = false;
    for (const child of namedChildren(node)) {
      if (child.type === 'pair') {
        const keyNode = child.childForFieldName('key');
        const valueNode = child.childForFieldName('value');
        const key = keyNode ? this.evaluate(keyNode, depth + 1) : undefined;
        if (key?.kind === 'string' && key.unknownParts === 0 && valueNode) entries.set(key.text, this.evaluate(valueNode, depth));
        else open = true;
      } else if (child.type === 'dictionary_splat') {
        open = this.spreadInto(entries, namedChildren(child)[0], depth) || open;
      } else {
        open = true; // A comprehension: keys not known.
      }
    }
    return { kind: 'object', entries, open };
  }

  /** `name=value` and `**spread` arguments as one object (how the SDK methods take their params). */
  private keywordArguments(args: Node, depth: number): StaticValue {
    const entries = new Map<string, StaticValue>();
    let open = false;
    for (const child of namedChildren(args)) {
      if (child.type === 'keyword_argument') {
        const name = child.childForFieldName('name')?.text;
        const value = child.childForFieldName('value');
        if (name && value) entries.set(name, this.evaluate(value, depth));
      } else if (child.type === 'dictionary_splat') {
        open = this.spreadInto(entries, namedChildren(child)[0], depth) || open;
      }
    }
    return { kind: 'object', entries, open };
  }

  /** Merges `**value` into `entries`; returns true when the spread could not be read. */
  private spreadInto(entries: Map<string, StaticValue>, node: Node | undefined, depth: number): boolean {
    return spreadEntries(entries, node ? this.evaluate(node, depth + 1) : undefined);
  }

  private binary(node: Node, depth: number): StaticValue {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const operator = node.childForFieldName('operator')?.type;
    if (!left || !right || (operator !== '+' && operator !== '*')) return unknownValue(node.text);
    const a = this.evaluate(left, depth + 1);
    const b = this.evaluate(right, depth + 1);
    if (operator === '*') {
      if (a.kind === 'number' && b.kind === 'number') return { kind: 'number', value: a.value * b.value };
      return repeatValue(a, b) ?? repeatValue(b, a) ?? unknownValue(node.text);
    }
    if (a.kind === 'number' && b.kind === 'number') return { kind: 'number', value: a.value + b.value };
    if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', items: [...a.items, ...b.items], open: a.open || b.open };
    return concatStrings([a, b]);
  }

  private call(node: Node, depth: number): StaticValue {
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    // `"\n".join(x for x in xs)`: a lone generator is the argument list.
    if (!fn || !args || (args.type !== 'argument_list' && args.type !== 'generator_expression')) return unknownValue(node.text);
    const positional = args.type === 'generator_expression' ? [args] : namedChildren(args).filter((child) => child.type !== 'keyword_argument' && child.type !== 'dictionary_splat');
    const name = fn.text;
    if (dedentNames.has(name) && positional[0]) {
      const cleandoc = name.endsWith('cleandoc');
      return mapText(this.evaluate(positional[0], depth + 1), (text) => (cleandoc ? dedent(text).trim() : dedent(text)));
    }
    if (environmentGetters.has(name)) {
      return positional[1] ? this.evaluate(positional[1], depth + 1) : unknownValue(node.text);
    }
    if (fn.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text;
      const target = fn.childForFieldName('object');
      if (target && (method === 'strip' || method === 'lstrip' || method === 'rstrip') && positional.length === 0) {
        const trim = method === 'strip' ? 'trim' : method === 'lstrip' ? 'trimStart' : 'trimEnd';
        return mapText(this.evaluate(target, depth + 1), (text) => text[trim]());
      }
      if (target && method === 'join' && positional.length === 1) {
        const joined = joinValue(this.evaluate(positional[0], depth + 1), this.evaluate(target, depth + 1));
        if (joined) return joined;
      }
      if (target && method === 'format') {
        const keywords = args.type === 'argument_list' ? this.keywordArguments(args, depth + 1) : undefined;
        const formatted = formatValue(
          this.evaluate(target, depth + 1),
          positional.map((argument) => this.evaluate(argument, depth + 1)),
          keywords?.kind === 'object' ? keywords.entries : new Map<string, StaticValue>(),
        );
        if (formatted) return formatted;
      }
      if (target && method === 'replace' && positional.length === 2) {
        const [search, replacement] = positional.map((argument) => this.evaluate(argument, depth + 1));
        const replaced = replaceValue(this.evaluate(target, depth + 1), search, replacement, true);
        if (replaced) return replaced;
      }
      // `get_weather.to_dict()`: a `@beta_tool`'s definition.
      if (target && method === 'to_dict' && positional.length === 0) return this.evaluate(target, depth + 1);
    }
    if (fn.type === 'identifier' && args.type === 'argument_list' && namedChildren(args).length === 0) {
      const returned = this.helperResult(fn, depth);
      if (returned) return returned;
    }
    // dict(...) and TypedDict constructors (`MessageParam(role=..., content=...)`, `Request(...)`):
    // keyword arguments make the object.
    const lastName = name.split('.').pop() ?? '';
    if ((lastName === 'dict' || /^[A-Z]/.test(lastName)) && positional.length === 0) {
      return this.keywordArguments(args, depth + 1);
    }
    return unknownValue(node.text);
  }

  /**
   * A local helper called without arguments whose body (after an optional docstring) is one
   * `return <expression>`: `def build_prompt(): return PROMPT.format(...)`.
   */
  private helperResult(name: Node, depth: number): StaticValue | undefined {
    const declared = findAssignment(name, name.text, this.declarations);
    const definition = declared?.value;
    if (!declared || definition?.type !== 'function_definition' || parametersOf(definition).some((parameter) => !parameter.hasDefault)) return undefined;
    const body = definition.childForFieldName('body');
    const statements = body ? namedChildren(body) : [];
    const docstring = statements[0]?.type === 'expression_statement' && namedChildren(statements[0])[0]?.type === 'string';
    const rest = docstring ? statements.slice(1) : statements;
    const returned = rest.length === 1 && rest[0].type === 'return_statement' ? namedChildren(rest[0])[0] : undefined;
    if (!returned) return undefined;
    this.followed.follow(name.text, declared, name);
    return this.evaluate(returned, depth + 1);
  }

  /** `[f"- {x}" for x in ITEMS]` (and the generator form) over a known list: one item per element. */
  private comprehension(node: Node, depth: number): StaticValue {
    const parts = namedChildren(node);
    const body = node.childForFieldName('body');
    const clause = parts.filter((part) => part.type === 'for_in_clause');
    const variable = clause[0]?.childForFieldName('left');
    const source = clause[0]?.childForFieldName('right');
    if (!body || clause.length !== 1 || parts.some((part) => part.type === 'if_clause') || variable?.type !== 'identifier' || !source) return unknownValue(node.text);
    const list = this.evaluate(source, depth + 1);
    if (list.kind !== 'array') return unknownValue(node.text);
    const items: StaticValue[] = [];
    const previous = this.bindings.get(variable.text);
    for (const item of list.items) {
      this.bindings.set(variable.text, item);
      items.push(this.evaluate(body, depth + 1));
    }
    if (previous) this.bindings.set(variable.text, previous);
    else this.bindings.delete(variable.text);
    return { kind: 'array', items, open: list.open };
  }

  /** A function used as a value: a `@beta_tool` becomes its tool definition; anything else is not read. */
  private functionValue(node: Node): StaticValue {
    const decorated = node.parent?.type === 'decorated_definition' ? node.parent : undefined;
    const isTool = decorated && namedChildren(decorated).some((child) => child.type === 'decorator' && toolDecorator.test(child.text));
    const name = node.childForFieldName('name')?.text ?? '';
    if (!isTool) return unknownValue(name);
    const body = node.childForFieldName('body');
    const first = body ? namedChildren(body)[0] : undefined;
    const docNode = first?.type === 'expression_statement' ? namedChildren(first)[0] : undefined;
    const doc = docNode?.type === 'string' ? this.evaluate(docNode) : undefined;
    return toolFromPythonFunction(name, doc?.kind === 'string' ? doc.text : '', parametersOf(node));
  }

  private subscript(node: Node, depth: number): StaticValue {
    const target = node.childForFieldName('value');
    const index = node.childForFieldName('subscript');
    if (!target || !index) return unknownValue(node.text);
    const key = this.evaluate(index, depth + 1);
    const value = this.evaluate(target, depth + 1);
    if (key.kind === 'string' && value.kind === 'object' && value.entries.has(key.text)) return value.entries.get(key.text)!;
    if (key.kind === 'number' && value.kind === 'array' && !value.open) return value.items.at(key.value) ?? unknownValue(node.text);
    return unknownValue(node.text);
  }

  private identifier(node: Node, depth: number): StaticValue {
    const bound = this.bindings.get(node.text);
    if (bound) return bound;
    const declared = findAssignment(node, node.text, this.declarations);
    if (!declared) return unknownValue(node.text);
    this.followed.follow(node.text, declared, node);
    return this.evaluate(declared.value, depth + 1);
  }
}

/**
 * The right-hand side of the assignment to `name` visible at `use`: the last one before it in the
 * nearest enclosing block that assigns it (at module level a later one too, since functions run after
 * the module body). A parameter of the same name shadows it.
 */
function findAssignment(use: Node, name: string, index: DeclarationIndex): Declared | null {
  const parameterName = new RegExp(`(^|\\W)${name}($|\\W)`);
  for (let scope = use.parent; scope; scope = scope.parent) {
    if (scope.type === 'function_definition' || scope.type === 'lambda') {
      const parameters = scope.childForFieldName('parameters');
      if (parameters && parameterName.test(parameters.text)) return null;
      continue;
    }
    if (scope.type !== 'module' && scope.type !== 'block') continue;
    const value = index.lookup(scope, name, use.startIndex, scope.type === 'module');
    if (value) return { value, scope };
  }
  return null;
}

/** `@beta_tool`, `@beta_async_tool`, `@anthropic.beta_tool`, `@beta_tool(name=...)`. */
const toolDecorator = /^@\s*(?:[\w.]*\.)?beta_(?:async_)?tool\b/;

/** Parameters of a `def` (without `self`, `*args`, `**kwargs`), as the SDK's tool schema sees them. */
function parametersOf(definition: Node): PythonParameter[] {
  const parameters = definition.childForFieldName('parameters');
  const found: PythonParameter[] = [];
  for (const parameter of parameters ? namedChildren(parameters) : []) {
    const name = parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? namedChildren(parameter)[0]);
    if (!name || name.type !== 'identifier' || name.text === 'self' || name.text === 'cls') continue;
    if (parameter.type.includes('splat')) continue;
    found.push({ name: name.text, annotation: parameter.childForFieldName('type')?.text, hasDefault: parameter.type.includes('default') });
  }
  return found;
}

/** The `NAME = value` assignment a statement makes, or the function a `def` defines, if any. */
function assignmentsIn(statement: Node): [string, Node][] {
  const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
  if (definition?.type === 'function_definition') {
    const name = definition.childForFieldName('name');
    return name ? [[name.text, definition]] : [];
  }
  if (statement.type !== 'expression_statement') return [];
  const assignment = namedChildren(statement)[0];
  const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
  const value = assignment?.childForFieldName('right');
  return left?.type === 'identifier' && value ? [[left.text, value]] : [];
}
