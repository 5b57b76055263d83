import { dedent, field, stringValue } from './staticValue';
import type { StaticValue } from './types';

/**
 * Tool definitions the SDK helpers build, as the JSON the API receives (and bills as input). The
 * helpers' schemas come from code (a Zod schema, a Python signature), so these are read as far as the
 * source shows them: a schema that is not a literal leaves the tool partly unknown.
 */

/** TypeScript `betaTool({ name, description, inputSchema, run })` / `betaZodTool(...)`: the `run` is not sent. */
export function toolFromHelperOptions(options: StaticValue): StaticValue {
  if (options.kind !== 'object') return options;
  const entries = new Map<string, StaticValue>();
  for (const key of ['name', 'description'] as const) {
    const value = options.entries.get(key);
    if (value) entries.set(key, value);
  }
  entries.set('input_schema', field(options, 'inputSchema') ?? field(options, 'input_schema') ?? { kind: 'unknown', source: 'inputSchema' });
  return { kind: 'object', entries, open: options.open };
}

export interface PythonParameter {
  name: string;
  /** The annotation's source (`str`, `list[str]`, `Optional[int]`), if any. */
  annotation: string | undefined;
  hasDefault: boolean;
}

const jsonTypes: [RegExp, string][] = [
  [/^(str|Literal\[)/, 'string'],
  [/^int\b/, 'integer'],
  [/^float\b/, 'number'],
  [/^bool\b/, 'boolean'],
  [/^(list|List|Sequence|tuple|Tuple|set|Set)\b/, 'array'],
  [/^(dict|Dict|Mapping)\b/, 'object'],
];

/**
 * Python `@beta_tool` / `@beta_async_tool` functions: the SDK turns the signature and the docstring
 * (summary, then an `Args:` section) into `{ name, description, input_schema }`.
 */
export function toolFromPythonFunction(name: string, docstring: string, parameters: PythonParameter[]): StaticValue {
  const { summary, argumentDocs } = splitDocstring(docstring);
  const properties = new Map<string, StaticValue>();
  for (const parameter of parameters) {
    const schema = new Map<string, StaticValue>();
    const annotation = (parameter.annotation ?? '').replace(/^(Optional|Annotated)\[/, '');
    const type = jsonTypes.find(([pattern]) => pattern.test(annotation))?.[1];
    if (type) schema.set('type', stringValue(type));
    schema.set('title', stringValue(parameter.name.replace(/(^|_)(\w)/g, (_, sep: string, ch: string) => `${sep ? ' ' : ''}${ch.toUpperCase()}`)));
    const description = argumentDocs.get(parameter.name);
    if (description) schema.set('description', stringValue(description));
    properties.set(parameter.name, { kind: 'object', entries: schema, open: false });
  }
  const required = parameters.filter((parameter) => !parameter.hasDefault).map((parameter) => stringValue(parameter.name));
  const inputSchema = new Map<string, StaticValue>([
    ['additionalProperties', { kind: 'boolean', value: false }],
    ['properties', { kind: 'object', entries: properties, open: false }],
    ['required', { kind: 'array', items: required, open: false }],
    ['type', stringValue('object')],
  ]);
  return {
    kind: 'object',
    entries: new Map<string, StaticValue>([
      ['name', stringValue(name)],
      ['description', stringValue(summary)],
      ['input_schema', { kind: 'object', entries: inputSchema, open: false }],
    ]),
    open: false,
  };
}

/** Splits a Google-style docstring into its summary and the `Args:` descriptions by parameter name. */
function splitDocstring(docstring: string): { summary: string; argumentDocs: Map<string, string> } {
  const text = dedent(docstring.replace(/^\n+/, '')).trim();
  const argumentDocs = new Map<string, string>();
  const sections = /^[ \t]*(Args|Arguments|Parameters|Returns|Raises|Yields|Examples?):[ \t]*$/m;
  const match = sections.exec(text);
  if (!match) return { summary: text, argumentDocs };
  const summary = text.slice(0, match.index).trim();
  let section = match[1];
  let current: string | undefined;
  for (const line of text.slice(match.index).split('\n')) {
    const heading = /^\s*(\w+):\s*$/.exec(line);
    if (heading) {
      section = heading[1];
      current = undefined;
      continue;
    }
    if (section !== 'Args' && section !== 'Arguments' && section !== 'Parameters') continue;
    const entry = /^\s*(\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)$/.exec(line);
    if (entry) {
      current = entry[1];
      argumentDocs.set(current, entry[2].trim());
    } else if (current && line.trim()) {
      argumentDocs.set(current, `${argumentDocs.get(current)} ${line.trim()}`);
    }
  }
  return { summary, argumentDocs };
}
