import type { Node } from 'web-tree-sitter';
import { decodeEscape } from './escapes';
import type { Evaluator } from './evaluator';
import type { Declared, EvaluatorOptions, Followed } from './evaluator';
import { DeclarationIndex, FollowedNames, maxResolveDepth, namedChildren } from './evaluator';
import { concatStrings, dedent, joinValue, mapText, numberValue, repeatValue, replaceValue, spreadEntries, spreadItems, stringValue, unknownValue } from './staticValue';
import { toolFromHelperOptions } from './toolDefinitions';
import type { StaticValue } from './types';

/** Wrappers that do not change a value: `(x)`, `x as T`, `x satisfies T`, `x!`, `<T>x`. */
const transparentTypes = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);
const scopeTypes = new Set(['program', 'statement_block', 'class_static_block']);
const functionTypes = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function']);
/** Tags and helpers that strip indentation from a template (`dedent`, `stripIndent`, `outdent`). */
const dedentNames = new Set(['dedent', 'stripIndent', 'stripIndents', 'outdent', 'ts.dedent']);

/** The SDK's tool helpers: `betaTool({...})`, `betaZodTool({...})` (also as `helpers.betaTool`). */
const toolHelpers = /(^|\.)beta(Zod)?Tool$/;

/** Reads literal values out of a JavaScript / TypeScript / JSX / TSX syntax tree. */
export class JsEvaluator implements Evaluator {
  private readonly followed: FollowedNames;
  /** Parameters of the `.map` callback being evaluated. */
  private readonly bindings = new Map<string, StaticValue>();
  private readonly declarations: DeclarationIndex;

  constructor(options: EvaluatorOptions) {
    this.declarations = new DeclarationIndex(declarationsIn, options.text, options.visibleEnd);
    this.followed = new FollowedNames(options.mutations, this.declarations);
  }

  evaluate(node: Node, depth = 0): StaticValue {
    if (depth > maxResolveDepth) return unknownValue(node.text);
    const type = node.type;
    if (transparentTypes.has(type)) {
      // `<T>x` has the type first; every other wrapper has the expression first.
      const children = namedChildren(node);
      const inner = type === 'type_assertion' ? children[children.length - 1] : children[0];
      return inner ? this.evaluate(inner, depth) : unknownValue(node.text);
    }
    switch (type) {
      case 'string':
        return this.stringLiteral(node);
      case 'template_string':
        return this.template(node, depth);
      case 'number':
        return numberValue(node.text);
      case 'true':
      case 'false':
        return { kind: 'boolean', value: type === 'true' };
      case 'null':
      case 'undefined':
        return { kind: 'null' };
      case 'array':
        return this.array(node, depth);
      case 'object':
        return this.object(node, depth);
      case 'identifier':
        return this.identifier(node, depth);
      case 'binary_expression':
        return this.binary(node, depth);
      case 'call_expression':
        return this.call(node, depth);
      case 'member_expression':
      case 'subscript_expression':
        return this.member(node, depth);
      default:
        return unknownValue(node.text);
    }
  }

  callParams(call: Node): StaticValue {
    const args = call.childForFieldName('arguments');
    const first = args && args.type === 'arguments' ? namedChildren(args)[0] : undefined;
    return first ? this.evaluate(first) : unknownValue('(no arguments)');
  }

  callee(call: Node): Node | null {
    return call.childForFieldName('function');
  }

  isCall(node: Node): boolean {
    return node.type === 'call_expression';
  }

  isMember(node: Node): boolean {
    return node.type === 'member_expression' || node.type === 'non_null_expression';
  }

  declaredValue(name: Node): Node | null {
    const parent = name.parent;
    if (parent?.type === 'variable_declarator' && parent.childForFieldName('name')?.equals(name)) return parent.childForFieldName('value');
    if (parent?.type === 'public_field_definition' && parent.childForFieldName('name')?.equals(name)) return parent.childForFieldName('value');
    if (parent?.type === 'assignment_expression' && parent.childForFieldName('left')?.equals(name)) return parent.childForFieldName('right');
    return null;
  }

  takeFollowed(): Followed {
    return this.followed.take();
  }

  private stringLiteral(node: Node): StaticValue {
    let text = '';
    for (const child of namedChildren(node)) {
      text += child.type === 'escape_sequence' ? decodeEscape(child.text) : child.text;
    }
    return stringValue(text, [{ start: node.startIndex, end: node.endIndex }]);
  }

  private template(node: Node, depth: number): StaticValue {
    const pieces: StaticValue[] = [];
    for (const child of namedChildren(node)) {
      if (child.type === 'template_substitution') {
        const inner = namedChildren(child)[0];
        pieces.push(inner ? this.evaluate(inner, depth + 1) : unknownValue(child.text));
      } else {
        pieces.push(stringValue(child.type === 'escape_sequence' ? decodeEscape(child.text) : child.text));
      }
    }
    const joined = concatStrings(pieces);
    return { ...joined, spans: [{ start: node.startIndex, end: node.endIndex }, ...joined.spans] };
  }

  private array(node: Node, depth: number): StaticValue {
    const items: StaticValue[] = [];
    let open = false;
    for (const child of namedChildren(node)) {
      if (child.type === 'spread_element') open = spreadItems(items, this.evaluate(namedChildren(child)[0] ?? child, depth + 1)) || open;
      else items.push(this.evaluate(child, depth));
    }
    return { kind: 'array', items, open };
  }

  private object(node: Node, depth: number): StaticValue {
    const entries = new Map<string, StaticValue>();
    let open = false;
    for (const child of namedChildren(node)) {
      if (child.type === 'pair') {
        const key = this.propertyKey(child.childForFieldName('key'), depth);
        const value = child.childForFieldName('value');
        if (key === undefined) open = true;
        else if (value) entries.set(key, this.evaluate(value, depth));
      } else if (child.type === 'shorthand_property_identifier') {
        entries.set(child.text, this.identifier(child, depth));
      } else if (child.type === 'spread_element') {
        open = spreadEntries(entries, this.evaluate(namedChildren(child)[0] ?? child, depth + 1)) || open;
      }
    }
    return { kind: 'object', entries, open };
  }

  private propertyKey(key: Node | null, depth: number): string | undefined {
    if (!key) return undefined;
    if (key.type === 'property_identifier' || key.type === 'number') return key.text;
    if (key.type === 'string') return (this.stringLiteral(key) as { text: string }).text;
    if (key.type === 'computed_property_name') {
      const inner = namedChildren(key)[0];
      const value = inner ? this.evaluate(inner, depth + 1) : undefined;
      return value?.kind === 'string' && value.unknownParts === 0 ? value.text : undefined;
    }
    return undefined;
  }

  private binary(node: Node, depth: number): StaticValue {
    const operator = node.childForFieldName('operator')?.type;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return unknownValue(node.text);
    if (operator === '+') {
      const a = this.evaluate(left, depth + 1);
      const b = this.evaluate(right, depth + 1);
      if (a.kind === 'number' && b.kind === 'number') return { kind: 'number', value: a.value + b.value };
      return concatStrings([a, b]);
    }
    if (operator === '??' || operator === '||') {
      // `process.env.MODEL ?? 'claude-…'`: the fallback is what runs unless configured otherwise.
      const a = this.evaluate(left, depth + 1);
      return a.kind === 'unknown' ? this.evaluate(right, depth + 1) : a;
    }
    return unknownValue(node.text);
  }

  private call(node: Node, depth: number): StaticValue {
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    if (!fn || !args) return unknownValue(node.text);
    // Tagged template or call: dedent`...`, dedent(`...`).
    if (dedentNames.has(fn.text)) {
      const arg = args.type === 'template_string' ? args : namedChildren(args)[0];
      return arg ? mapText(this.evaluate(arg, depth + 1), dedent) : unknownValue(node.text);
    }
    if (toolHelpers.test(fn.text)) {
      const options = args.type === 'arguments' ? namedChildren(args)[0] : undefined;
      return toolFromHelperOptions(options ? this.evaluate(options, depth + 1) : unknownValue(node.text));
    }
    if (fn.text === 'String.raw' && args.type === 'template_string') {
      return this.template(args, depth);
    }
    if (fn.type === 'member_expression') {
      const method = fn.childForFieldName('property')?.text;
      const target = fn.childForFieldName('object');
      const argList = args.type === 'arguments' ? namedChildren(args) : [];
      if (target && (method === 'trim' || method === 'trimStart' || method === 'trimEnd') && argList.length === 0) {
        const value = this.evaluate(target, depth + 1);
        return mapText(value, (text) => text[method]());
      }
      if (target && method === 'join' && argList.length <= 1) {
        const list = this.evaluate(target, depth + 1);
        const joined = joinValue(list, argList[0] ? this.evaluate(argList[0], depth + 1) : stringValue(','));
        if (joined) return joined;
      }
      if (target && method === 'repeat' && argList.length === 1) {
        const repeated = repeatValue(this.evaluate(target, depth + 1), this.evaluate(argList[0], depth + 1));
        if (repeated) return repeated;
      }
      if (target && (method === 'replace' || method === 'replaceAll') && argList.length === 2) {
        const [search, replacement] = argList.map((argument) => this.evaluate(argument, depth + 1));
        const replaced = replaceValue(this.evaluate(target, depth + 1), search, replacement, method === 'replaceAll');
        if (replaced) return replaced;
      }
      if (target && method === 'map' && argList.length === 1) {
        const mapped = this.mapList(target, argList[0], depth);
        if (mapped) return mapped;
      }
    }
    if (fn.type === 'identifier' && args.type === 'arguments' && namedChildren(args).length === 0) {
      const returned = this.helperResult(fn, depth);
      if (returned) return returned;
    }
    return unknownValue(node.text);
  }

  /** `ITEMS.map((item) => \`- ${item}\`)` over a known array, with a one-parameter expression-bodied arrow. */
  private mapList(target: Node, callback: Node, depth: number): StaticValue | undefined {
    if (callback.type !== 'arrow_function') return undefined;
    const parameters = callback.childForFieldName('parameters');
    const parameter = callback.childForFieldName('parameter') ?? (parameters && namedChildren(parameters).length === 1 ? namedChildren(parameters)[0] : null);
    const name = parameter?.type === 'identifier' ? parameter : parameter?.childForFieldName('pattern');
    const body = callback.childForFieldName('body');
    if (name?.type !== 'identifier' || !body || body.type === 'statement_block') return undefined;
    const list = this.evaluate(target, depth + 1);
    if (list.kind !== 'array') return undefined;
    const previous = this.bindings.get(name.text);
    const items = list.items.map((item) => {
      this.bindings.set(name.text, item);
      return this.evaluate(body, depth + 1);
    });
    if (previous) this.bindings.set(name.text, previous);
    else this.bindings.delete(name.text);
    return { kind: 'array', items, open: list.open };
  }

  /**
   * A local helper called without arguments that only returns an expression:
   * `const buildPrompt = () => \`...\``, `function systemPrompt() { return PROMPT; }`.
   */
  private helperResult(name: Node, depth: number): StaticValue | undefined {
    const declared = findDeclaration(name, name.text, this.declarations);
    const definition = declared?.value;
    if (!declared || !definition || !functionTypes.has(definition.type)) return undefined;
    const parameters = definition.childForFieldName('parameters');
    if (definition.childForFieldName('parameter') || (parameters && namedChildren(parameters).some((parameter) => parameter.type !== 'optional_parameter' && parameter.type !== 'assignment_pattern'))) return undefined;
    const body = definition.childForFieldName('body');
    if (!body) return undefined;
    let returned: Node | undefined = body;
    if (body.type === 'statement_block') {
      const statements = namedChildren(body);
      returned = statements.length === 1 && statements[0].type === 'return_statement' ? namedChildren(statements[0])[0] : undefined;
    }
    if (!returned) return undefined;
    this.followed.follow(name.text, declared, name);
    return this.evaluate(returned, depth + 1);
  }

  private member(node: Node, depth: number): StaticValue {
    const target = node.childForFieldName('object');
    const property = node.type === 'member_expression' ? node.childForFieldName('property') : node.childForFieldName('index');
    if (!target || !property) return unknownValue(node.text);
    const key = property.type === 'property_identifier' ? property.text : this.evaluate(property, depth + 1);
    const keyText = typeof key === 'string' ? key : key.kind === 'string' && key.unknownParts === 0 ? key.text : key.kind === 'number' ? String(key.value) : undefined;
    const value = this.evaluate(target, depth + 1);
    if (keyText !== undefined && value.kind === 'object' && value.entries.has(keyText)) return value.entries.get(keyText)!;
    if (keyText !== undefined && value.kind === 'array' && /^\d+$/.test(keyText) && !value.open) {
      return value.items[Number(keyText)] ?? unknownValue(node.text);
    }
    return unknownValue(node.text);
  }

  private identifier(node: Node, depth: number): StaticValue {
    const name = node.text;
    const bound = this.bindings.get(name);
    if (bound) return bound;
    const declared = findDeclaration(node, name, this.declarations);
    if (!declared) return unknownValue(name);
    this.followed.follow(name, declared, node);
    return this.evaluate(declared.value, depth + 1);
  }
}

/**
 * The value node of the `const`/`let`/`var` declaration of `name` visible at `use`: the nearest
 * enclosing block that declares it (the last declaration before the use; at the top level a later
 * one too, since functions run after the module body). A parameter of the same name shadows it.
 */
function findDeclaration(use: Node, name: string, index: DeclarationIndex): Declared | null {
  const parameterName = new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}($|[^\\w$])`);
  for (let scope = use.parent; scope; scope = scope.parent) {
    if (functionTypes.has(scope.type)) {
      const parameters = scope.childForFieldName('parameters') ?? scope.childForFieldName('parameter');
      if (parameters && parameterName.test(parameters.text)) return null;
      continue;
    }
    if (!scopeTypes.has(scope.type)) continue;
    const value = index.lookup(scope, name, use.startIndex, scope.type === 'program');
    if (value) return { value, scope };
  }
  return null;
}

/** Every `const`/`let`/`var` (possibly exported) a statement declares, with its value. */
function declarationsIn(statement: Node): [string, Node][] {
  let declaration = statement;
  if (declaration.type === 'export_statement') {
    const inner = declaration.childForFieldName('declaration');
    if (!inner) return [];
    declaration = inner;
  }
  if (declaration.type === 'function_declaration') {
    const name = declaration.childForFieldName('name');
    return name ? [[name.text, declaration]] : [];
  }
  if (declaration.type !== 'lexical_declaration' && declaration.type !== 'variable_declaration') return [];
  const found: [string, Node][] = [];
  for (const declarator of namedChildren(declaration)) {
    if (declarator.type !== 'variable_declarator') continue;
    const name = declarator.childForFieldName('name');
    const value = declarator.childForFieldName('value');
    if (name?.type === 'identifier' && value) found.push([name.text, value]);
  }
  return found;
}
