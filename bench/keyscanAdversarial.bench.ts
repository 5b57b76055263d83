// Crafted input against the key scanner: each shape beside a benign text of the same size, at two sizes
// (a linear scanner keeps the same ratio when the size grows; the old base64 and allow-marker paths grew
// with the square of it). Shapes from review (issue 13) first, then others built against this design.
import { randomBytes } from 'node:crypto';
import { families, makeKey, seededRandom } from '../test/fixtures/keyscan/generate';
import { minifiedCode } from './fixtures/keyscanCorpus';
import type * as ScanTextModule from '../src/core/keyscan/scanText';
import { loadBundled } from './fixtures/bundled';
import { medianMs, report } from './report';

const { scanText } = loadBundled<typeof ScanTextModule>('src/core/keyscan/scanText.ts');

const random = seededRandom(13);
const repeatTo = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** Ordinary minified code of `size` characters with a few real keys in it: what a bundle looks like. */
function benignBundle(size: number): string {
  let text = minifiedCode(size);
  for (let i = 0; i < 3; i++) {
    const at = Math.floor(random() * (text.length - 200));
    text = `${text.slice(0, at)};k${i}="${makeKey(families.api03, random)}";${text.slice(at)}`;
  }
  return text.slice(0, size);
}

/** One long line of `key = "…";` statements, as in a bundle of fixtures. */
function manyKeysLine(size: number): string {
  let line = '';
  for (let i = 0; line.length < size; i++) line += `k${i}="${makeKey(families.api03, random)}";`;
  return line.slice(0, size);
}

interface Shape {
  name: string;
  crafted: (size: number) => string;
  /** A benign text of the same size and kind. */
  benign: (size: number) => string;
}

const shapes: Shape[] = [
  {
    name: 'base64 of repeated sk-ant-',
    crafted: (size) => Buffer.from('sk-ant-'.repeat(Math.ceil((size * 3) / 4 / 7))).toString('base64').slice(0, size),
    benign: (size) => randomBytes(Math.ceil((size * 3) / 4)).toString('base64').slice(0, size),
  },
  {
    name: 'gitleaks:allow on a long line of keys',
    crafted: (size) => {
      const line = manyKeysLine(size - 40);
      return `${line.slice(0, line.length / 2)}/* gitleaks:allow */${line.slice(line.length / 2)}`.slice(0, size);
    },
    benign: (size) => manyKeysLine(size),
  },
  { name: 'prefixes in one long run', crafted: (size) => repeatTo(families.api03, size), benign: benignBundle },
  { name: 'prefix runs just short of a key', crafted: (size) => repeatTo(`${families.api03.repeat(7)} `, size), benign: benignBundle },
  { name: 'sk-ant- every 8 characters', crafted: (size) => repeatTo('sk-ant- ', size), benign: benignBundle },
  { name: 'string joins that lead nowhere', crafted: (size) => repeatTo('"sk-" + "sk-ant-" ', size), benign: benignBundle },
  // Judging a key-shaped string costs the same whether it is a key or not: beside as many real keys.
  { name: 'key-shaped placeholders', crafted: (size) => repeatTo(`"${families.api03}${'X'.repeat(93)}AA",`, size), benign: manyKeysLine },
  { name: 'base64 markers in short runs', crafted: (size) => repeatTo(`${'c2stYW50L'.repeat(14)} `, size), benign: benignBundle },
  { name: 'allow markers everywhere', crafted: (size) => repeatTo('gitleaks:allow ', size), benign: benignBundle },
  // Shapes built against the current design: every regex entry point, densely, with nothing to find.
  { name: 'bare prefixes', crafted: (size) => repeatTo(`${families.api03} `, size), benign: benignBundle },
  { name: 'long run of key characters ending in a prefix', crafted: (size) => repeatTo(`${'a'.repeat(4000)}${families.api03} `, size), benign: benignBundle },
  { name: 'prefixes in a run broken every 100 characters', crafted: (size) => repeatTo(`${families.admin01}${'Ab1'.repeat(28)}.`, size), benign: benignBundle },
  { name: 'quoted prefixes', crafted: (size) => repeatTo(`"${families.api03}" `, size), benign: benignBundle },
  { name: 'string joins one character short of a key', crafted: (size) => repeatTo(`"${families.api03}" + "${'aB3x'.repeat(23)}A" `, size), benign: benignBundle },
  { name: 'URL-safe base64 with a key prefix in it', crafted: (size) => repeatTo(`${families.api03}${randomBytes(3000).toString('base64url')}-`, size), benign: benignBundle },
  { name: 'base64 markers every 128 characters', crafted: (size) => repeatTo(`c2stYW50L${randomBytes(90).toString('base64').slice(0, 119)}`, size), benign: benignBundle },
  { name: 'newlines only', crafted: (size) => '\n'.repeat(size), benign: benignBundle },
  { name: 'many allow markers among real keys', crafted: (size) => repeatTo(`k="${makeKey(families.api03, random)}"; // gitleaks:allow\n`, size), benign: manyKeysLine },
];

for (const megabytes of [1, 4]) {
  const size = megabytes * 1024 * 1024;
  for (const shape of shapes) {
    const crafted = shape.crafted(size);
    const benign = shape.benign(size);
    const runs = megabytes === 1 ? 15 : 7;
    // Each shape takes the scanner down other paths: let V8 settle on both texts before timing them.
    for (let i = 0; i < 3; i++) {
      scanText(benign);
      scanText(crafted);
    }
    const benignMs = medianMs(runs, () => void scanText(benign));
    const craftedMs = medianMs(runs, () => void scanText(crafted));
    report(`keyscan adversarial ${shape.name} ${megabytes}MB`, craftedMs, 'ms', { value: benignMs, unit: 'ms' });
  }
}
