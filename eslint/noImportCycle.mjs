// ESLint rule `local/no-import-cycle`: no file of src/ may reach itself again through its imports (type-only
// imports included: a cycle of types is still two files that cannot be understood one without the other).
//
// Why not import-x/no-cycle: it parses every file it walks with the TypeScript parser, about 6 s of every
// lint run on this project; reading the import lines as text and finding the strongly connected groups
// takes a few milliseconds. Relative imports are all there is to follow (packages cannot import us back).
import fs from 'node:fs';
import path from 'node:path';

/** `import … from './x'`, `export … from './x'`, `import './x'`, `import('./x')`: the relative specifier. */
const importPattern = /(?:^|[\s;])(?:import|export)\s[^;'"]*?\bfrom\s*['"](\.[^'"]+)['"]|(?:^|[\s;])import\s*['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** Per file: when it was read and what it imports (resolved), so a long-lived ESLint rereads only what changed. */
const files = new Map();

function resolve(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function importsOf(file, text) {
  const targets = [];
  for (const match of text.matchAll(importPattern)) {
    const target = resolve(file, match[1] ?? match[2] ?? match[3]);
    if (target) targets.push(target);
  }
  return targets;
}

/** Files already on disk are looked at again at most this often (a lint run lints every file within seconds). */
const rescanMs = 2000;
let scanned = { root: '', at: -Infinity, files: [] };

/** The import graph of every .ts file under `root`, `current` read from the linted text (it may be unsaved). */
function graph(root, current, currentText) {
  const now = Date.now();
  const rescan = scanned.root !== root || now - scanned.at > rescanMs;
  if (rescan) {
    const names = fs.readdirSync(root, { recursive: true }).map((name) => path.join(root, String(name))).filter((file) => file.endsWith('.ts'));
    scanned = { root, at: now, files: names };
  }
  const edges = new Map();
  for (const file of scanned.files) {
    if (file === current) {
      edges.set(file, importsOf(file, currentText));
      continue;
    }
    let known = files.get(file);
    if (!known || rescan) {
      const { mtimeMs } = fs.statSync(file);
      if (known?.mtimeMs !== mtimeMs) files.set(file, (known = { mtimeMs, imports: importsOf(file, fs.readFileSync(file, 'utf8')) }));
    }
    edges.set(file, known.imports);
  }
  return edges;
}

/** Tarjan's strongly connected components: each file's group (a group of two or more is a cycle). */
function groups(edges) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groupOf = new Map();
  let next = 0;
  const visit = (file) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file), index.get(target)));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    for (const each of group) groupOf.set(each, group);
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return groupOf;
}

/** The groups of the last graph, reused while no file's imports differ from it (the usual case in one run). */
let lastGroups = { edges: new Map(), groupOf: new Map() };

function sameImports(a, b) {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((target, i) => target === b[i]);
}

function groupsFor(root, current, currentText) {
  const edges = graph(root, current, currentText);
  const unchanged = edges.size === lastGroups.edges.size && [...edges].every(([file, targets]) => sameImports(targets, lastGroups.edges.get(file)));
  if (!unchanged) lastGroups = { edges, groupOf: groups(edges) };
  return lastGroups.groupOf;
}

export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbids import cycles among the files of a folder tree (default src/).' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { cycle: 'Import cycle among {{files}}: move what they share into a lower layer, or pass it in.' },
  },
  create(context) {
    const root = path.resolve(context.cwd, context.options[0]?.root ?? 'src');
    const file = context.filename;
    if (!file.startsWith(root + path.sep)) return {};
    let groupOf;
    const check = (node, specifier) => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = resolve(file, specifier);
      if (!target) return;
      groupOf ??= groupsFor(root, file, context.sourceCode.text); // once per file, at its first relative import
      const group = groupOf.get(file);
      if (!group || group.length < 2 || groupOf.get(target) !== group) return;
      const names = group.map((member) => path.relative(root, member)).sort();
      context.report({ node, messageId: 'cycle', data: { files: names.join(', ') } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
    };
  },
};
