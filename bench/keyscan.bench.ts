// Key scanner figures: throughput on a generated mixed corpus of tens of MB next to a plain one-regex
// pass over the same bytes, latency on a 5 MB one-line minified bundle, and precision/recall on the
// labelled corpus (for our scanner and for a gitleaks-style regex, as a reference).
import { fingerprintKey } from '../src/core/keyscan/finding';
import { minifiedDoc, sourceDoc } from './fixtures/keyscanCorpus';
import type { Doc } from './fixtures/keyscanCorpus';
import type * as ScanTextModule from '../src/core/keyscan/scanText';
import { loadBundled } from './fixtures/bundled';
import { medianMs, report } from './report';

const { scanText } = loadBundled<typeof ScanTextModule>('src/core/keyscan/scanText.ts');

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
