// Key scanner figures: throughput on a generated mixed corpus of tens of MB next to a plain one-regex
// pass over the same bytes, latency on a 5 MB one-line minified bundle, and precision/recall on the
// labelled corpus (for our scanner and for a gitleaks-style regex, as a reference).
import { fingerprintKey } from '../src/core/keyscan/finding';
import { scanText } from '../src/core/keyscan/scanText';
import { families, makeKey, randomBody, seededRandom } from '../test/fixtures/keyscan/generate';
import type { Random } from '../test/fixtures/keyscan/generate';
import { medianMs, report } from './report';

interface Doc {
  text: string;
  /** Fingerprints of the real keys planted in the text. */
  keys: Set<string>;
}

const random = seededRandom(20261122);
const pick = <T>(items: readonly T[], rng: Random = random): T => items[Math.floor(rng() * items.length)];
const familyList = Object.values(families);

/** Ways a real key ends up in a file; each returns the text with the key in it. */
const plantings: ((key: string) => string)[] = [
  (k) => `const apiKey = "${k}";`,
  (k) => `client = anthropic.Anthropic(api_key='${k}')`,
  (k) => `ANTHROPIC_API_KEY=${k}`,
  (k) => `fetch("https://proxy.example/v1?key=${k}&stream=true")`,
  (k) => `<div data-key=${k}>`,
  (k) => `keys: [${k}, backup]`,
  (k) => JSON.stringify(JSON.stringify({ apiKey: k })),
  (k) => `"source": ["key = \\"${k}\\"\\n"]`,
  (k) => `  api-key: ${Buffer.from(k).toString('base64')}`,
  (k) => `  env: ${Buffer.from(`X=1\nANTHROPIC_API_KEY=${k}\n`).toString('base64')}`,
  (k) => `const key = "${k.slice(0, 40)}" +\n  "${k.slice(40)}";`,
  (k) => `KEY = (\n    "${k.slice(0, 30)}"\n    "${k.slice(30, 70)}"\n    "${k.slice(70)}"\n)`,
  (k) => `Authorization: Bearer ${k}\\r\\n`,
];

/** Things that look like keys but are not: the scanner must stay quiet. */
const decoys: (() => string)[] = [
  () => `Set your key: ${families.api03}...`,
  () => `ANTHROPIC_API_KEY=${families.api03}${'X'.repeat(93)}AA`,
  () => `key = "${families.api03}${'abcdefgh'.repeat(12).slice(0, 93)}AA"`,
  () => `// e.g. ${families.admin01}xxxxxxxx…`,
  () => `"${families.oat01}${'your-token-here-'.repeat(6)}"`,
  () => `mask-image: url(x); -webkit-mask-size: cover; task-list: none;`,
  () => `sha = "${randomBody(95, random)}"`,
];

const codeLines = [
  'export function add(a: number, b: number): number { return a + b; }',
  'import { readFile } from "node:fs/promises";',
  'def handler(event, context):\n    return {"statusCode": 200}',
  '  "dependencies": { "left-pad": "^1.3.0" },',
  'server:\n  port: 8080\n  hosts: [a.example, b.example]',
  '<a href="/docs/api?tab=keys&lang=en">Docs</a>',
  'for (let i = 0; i < items.length; i++) total += items[i].price * items[i].qty;',
  '# Configure the client with an environment variable, never a literal key.',
];

function sourceDoc(targetBytes: number): Doc {
  const keys = new Set<string>();
  const parts: string[] = [];
  let size = 0;
  while (size < targetBytes) {
    const roll = random();
    let part: string;
    if (roll < 0.004) {
      const key = makeKey(pick(familyList), random);
      keys.add(fingerprintKey(key));
      part = pick(plantings)(key);
    } else if (roll < 0.008) {
      part = pick(decoys)();
    } else {
      part = pick(codeLines);
    }
    parts.push(part);
    size += part.length + 1;
  }
  return { text: parts.join('\n'), keys };
}

/** Minified-looking code: short random identifiers, literals and punctuation, no newlines. */
function minifiedCode(bytes: number): string {
  const words = ['function', 'return', 'var', 'this', 'null', 'void 0', 'typeof', 'new Map', 'Object.keys', 'prototype', 'length', 'mask', 'task-', 'desk-top'];
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const roll = random();
    const part =
      roll < 0.4 ? pick(words) + pick(['(', ')', '{', '}', ',', ';', '.', '=', '=>', '&&', '||', '?', ':'])
      : roll < 0.7 ? randomBody(1 + Math.floor(random() * 3), random).replace(/[-_]/g, 'x') + pick(['=', '.', '(', ',', ';'])
      : roll < 0.9 ? `"${randomBody(2 + Math.floor(random() * 12), random)}"` + pick([',', ':', ';', '+'])
      : String(Math.floor(random() * 100000)) + pick([',', ')', ';']);
    parts.push(part);
    size += part.length;
  }
  return parts.join('').slice(0, bytes);
}

/** A one-line minified bundle of `bytes`, with keys planted in quotes every so often. */
function minifiedDoc(bytes: number, keysToPlant: number): Doc {
  const keys = new Set<string>();
  let text = minifiedCode(bytes);
  for (let i = 0; i < keysToPlant; i++) {
    const key = makeKey(pick(familyList), random);
    keys.add(fingerprintKey(key));
    const at = Math.floor(random() * text.length);
    text = `${text.slice(0, at)};k${i}="${key}";${text.slice(at)}`;
  }
  return { text, keys };
}

function score(docs: readonly Doc[], find: (text: string) => string[]): { precision: number; recall: number } {
  let truePositives = 0;
  let falsePositives = 0;
  let planted = 0;
  for (const doc of docs) {
    planted += doc.keys.size;
    const found = new Set(find(doc.text));
    for (const fingerprint of found) {
      if (doc.keys.has(fingerprint)) truePositives++;
      else falsePositives++;
    }
  }
  return { precision: truePositives / Math.max(1, truePositives + falsePositives), recall: truePositives / Math.max(1, planted) };
}

// gitleaks' published rule shape: the key must be followed by one of a few characters.
const gitleaksStyle = /\b(sk-ant-(?:api03|admin01)-[a-zA-Z0-9_-]{93}AA)(?:[`'"\s;]|\\[nr]|$)/g;
// The plainest possible pass over the same bytes, as the throughput baseline.
const oneRegex = /sk-ant-[A-Za-z0-9_-]{40,}/g;

const docs: Doc[] = [];
for (let i = 0; i < 120; i++) docs.push(sourceDoc(200_000));
for (let i = 0; i < 4; i++) docs.push(minifiedDoc(2_000_000, 3));
const totalBytes = docs.reduce((sum, doc) => sum + doc.text.length, 0);
const megabytes = totalBytes / (1024 * 1024);

const ours = medianMs(5, () => {
  for (const doc of docs) scanText(doc.text);
});
const baseline = medianMs(5, () => {
  for (const doc of docs) for (const _match of doc.text.matchAll(oneRegex)) void _match;
});
report('keyscan corpus size', megabytes, 'MB');
report('keyscan throughput', megabytes / (ours / 1000), 'MB/s', { value: megabytes / (baseline / 1000), unit: 'MB/s' });

const big = minifiedDoc(5 * 1024 * 1024, 2);
const bigMs = medianMs(15, () => void scanText(big.text));
const bigBaselineMs = medianMs(15, () => {
  for (const _match of big.text.matchAll(oneRegex)) void _match;
});
report('keyscan 5MB minified latency', bigMs, 'ms', { value: bigBaselineMs, unit: 'ms' });
const noKeys = minifiedDoc(5 * 1024 * 1024, 0);
report('keyscan 5MB minified latency, no key', medianMs(15, () => void scanText(noKeys.text)), 'ms');

const planted = docs.reduce((sum, doc) => sum + doc.keys.size, 0);
report('keyscan labelled keys', planted, 'keys');
const ourScore = score(docs, (text) => scanText(text).map((f) => f.fingerprint));
const gitleaksScore = score(docs, (text) => [...text.matchAll(gitleaksStyle)].map((m) => fingerprintKey(m[1])));
report('keyscan precision', ourScore.precision, 'ratio', { value: gitleaksScore.precision });
report('keyscan recall', ourScore.recall, 'ratio', { value: gitleaksScore.recall });
