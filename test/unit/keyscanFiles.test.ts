import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { JobResult, ScanJob } from '../../src/core/keyscan/fileScan';
import { fileFilter, listFiles } from '../../src/core/keyscan/fileWalk';
import { readCandidate, ReadBuffer } from '../../src/core/keyscan/readCandidate';
import { scanBytes } from '../../src/core/keyscan/scanBytes';
import { ScanPool } from '../../src/core/keyscan/scanPool';
import { scanText } from '../../src/core/keyscan/scanText';
import { families, makeKey, seededRandom } from '../fixtures/keyscan/generate';

const repoRoot = path.resolve(__dirname, '..', '..');

/** Where each finding of `scanText` on the decoded text starts: 1-based line and UTF-16 column. */
function decodedPositions(bytes: Buffer): string[] {
  const text = bytes.toString('utf8');
  return scanText(text).map((finding) => {
    const before = text.slice(0, finding.start);
    const line = before.split('\n').length;
    return `${line}:${finding.start - before.lastIndexOf('\n')} ${finding.fingerprint} ${finding.encoding} ${finding.allowed}`;
  });
}

function bytePositions(bytes: Buffer): string[] {
  return scanBytes(bytes).findings.map(({ finding, start }) => `${start.line}:${start.column} ${finding.fingerprint} ${finding.encoding} ${finding.allowed}`);
}

describe('keyscan: scanning bytes', () => {
  it('finds what the decoded text holds, at the same lines and UTF-16 columns, with multi-byte characters before the keys', () => {
    const key = makeKey(families.api03);
    const text = `# Schlüssel für 日本 🔑\nconst k = "${key}"; // ünïcödé 🔑🔑 "${makeKey(families.oat01)}"\n${Buffer.from(`A=${key}`).toString('base64')}`;
    const bytes = Buffer.from(text, 'utf8');
    assert.strictEqual(bytePositions(bytes).length, 3);
    assert.deepStrictEqual(bytePositions(bytes), decodedPositions(bytes));
  });

  it('finds every key of a large file exactly once, wherever the windows it is read in are cut', () => {
    // Keys of every encoding planted at and around every multiple of the window share (96 KB), on one
    // long line and on many, with allow markers beside some: the byte scan must agree with the text scan.
    const random = seededRandom(7);
    const plant = (key: string, i: number) =>
      [`"${key}"`, `"${key.slice(0, 30)}" + "${key.slice(30)}"`, Buffer.from(`X=${key}`).toString('base64'), `${key} // gitleaks:allow`][i % 4];
    for (const newline of ['', '\n']) {
      let text = '';
      let i = 0;
      for (let cut = 96 * 1024; cut < 700 * 1024; cut += 96 * 1024) {
        for (const offset of [-300, -120, -60, -5, 0, 7, 200]) {
          const at = cut + offset;
          while (text.length < at) text += `var a${text.length % 97}=b*2;${newline}`.slice(0, at - text.length);
          text += plant(makeKey(families.api03, random), i++);
        }
      }
      const bytes = Buffer.from(text + ' é', 'utf8');
      const fromBytes = bytePositions(bytes);
      assert.strictEqual(fromBytes.length, i, `one finding per planted key (${newline ? 'many lines' : 'one line'})`);
      assert.deepStrictEqual(fromBytes, decodedPositions(bytes));
    }
  });
});

describe('keyscan: reading files', () => {
  let scratch = '';
  before(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'keyscan-read-'))));
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('does not read a file whose folder was swapped for a link to outside the scanned folder', () => {
    const root = fs.mkdtempSync(path.join(scratch, 'root-'));
    const outside = fs.mkdtempSync(path.join(scratch, 'outside-'));
    fs.writeFileSync(path.join(outside, 'secret.txt'), `key ${makeKey(families.api03)}\n`);
    // The walk listed root/sub/secret.txt; by the time it is opened, sub is a link to another folder.
    fs.symlinkSync(outside, path.join(root, 'sub'));
    const real = fs.realpathSync(root);
    assert.deepStrictEqual(readCandidate(path.join(real, 'sub', 'secret.txt'), 1024, { root: real }), { kind: 'skipped', reason: 'outside-the-folder' });
    // A link inside the folder to another place inside it reads what is there.
    fs.mkdirSync(path.join(root, 'inner'));
    fs.writeFileSync(path.join(root, 'inner', 'a.txt'), 'plain text');
    fs.symlinkSync(path.join(real, 'inner'), path.join(root, 'alias'));
    assert.strictEqual(readCandidate(path.join(real, 'alias', 'a.txt'), 1024, { root: real }).kind, 'bytes');
  });

  it('never follows a link in the last component, reads regular files only, and skips large and binary files', () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(scratch, 'root-')));
    fs.writeFileSync(path.join(root, 'a.txt'), 'hello');
    fs.symlinkSync(path.join(root, 'a.txt'), path.join(root, 'link.txt'));
    fs.writeFileSync(path.join(root, 'big.txt'), 'x'.repeat(2048));
    fs.writeFileSync(path.join(root, 'image.bin'), Buffer.from([1, 2, 0, 3]));
    const into = new ReadBuffer();
    const read = (name: string) => readCandidate(path.join(root, name), 1024, { root, into });
    assert.deepStrictEqual(read('link.txt'), { kind: 'skipped', reason: 'not-a-regular-file' });
    assert.deepStrictEqual(readCandidate('/dev/zero', 1024), { kind: 'skipped', reason: 'not-a-regular-file' });
    assert.deepStrictEqual(read('big.txt'), { kind: 'skipped', reason: 'too-large' });
    assert.deepStrictEqual(read('image.bin'), { kind: 'skipped', reason: 'binary' });
    const text = read('a.txt');
    assert.strictEqual(text.kind === 'bytes' && text.bytes.toString(), 'hello');
  });
});

describe('keyscan: listing files', () => {
  it('lists one folder at a time without holding up the thread, and stops when the caller stops', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'keyscan-list-'));
    try {
      for (let i = 0; i < 30; i++) {
        fs.mkdirSync(path.join(root, `d${i}`));
        fs.writeFileSync(path.join(root, `d${i}`, 'f.txt'), 'x');
      }
      let ticks = 0;
      const timer = setInterval(() => ticks++, 0);
      let folders = 0;
      try {
        for await (const files of listFiles(root, fileFilter({}))) {
          assert.strictEqual(files.length, 1);
          if (++folders === 20) break;
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      } finally {
        clearInterval(timer);
      }
      assert.strictEqual(folders, 20, 'the walk went on after the caller stopped');
      assert.ok(ticks > 0, 'timers never ran while the folders were listed');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('keyscan: the scan pool', function () {
  this.timeout(60_000);
  let scratch = '';
  let script = '';
  const files: string[] = [];

  before(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'keyscan-pool-'));
    script = path.join(scratch, 'keyscan.js');
    // The CLI's bundle is the workers' script, as in the package.
    await esbuild.build({ entryPoints: [path.join(repoRoot, 'src', 'cli', 'keyscan.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
    for (let i = 0; i < 120; i++) {
      const file = path.join(scratch, `f${i}.txt`);
      fs.writeFileSync(file, i % 3 === 0 ? `k = "${makeKey(families.api03)}"\n` : 'nothing here\n');
      files.push(file);
    }
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  async function scanAll(options: { workerScript?: string; helpHere?: boolean }): Promise<Map<string, JobResult>> {
    const results = new Map<string, JobResult>();
    const pool = new ScanPool({ maxBytes: 1024 * 1024, threads: 2, ...options, onFile: (job: ScanJob, result) => results.set(job.absolute, result) });
    pool.add(files.map((absolute) => ({ absolute, root: fs.realpathSync(scratch) })));
    await pool.finish();
    return results;
  }

  it('gives every file the same answer on worker threads as on this thread', async () => {
    const here = await scanAll({});
    const workers = await scanAll({ workerScript: script });
    const helped = await scanAll({ workerScript: script, helpHere: true });
    assert.strictEqual(here.size, files.length);
    assert.strictEqual([...here.values()].filter((result) => result.kind === 'keys').length, 40);
    const summary = (results: Map<string, JobResult>) => files.map((file) => { const result = results.get(file); return result?.kind === 'keys' ? result.scan.keys.map((key) => key.fingerprint).join() : result?.kind; });
    assert.deepStrictEqual(summary(workers), summary(here));
    assert.deepStrictEqual(summary(helped), summary(here));
  });

  it('stops when cancelled, workers included', async () => {
    const results: string[] = [];
    const pool = new ScanPool({ maxBytes: 1024 * 1024, workerScript: script, threads: 2, onFile: (job) => results.push(job.absolute) });
    pool.add(files.map((absolute) => ({ absolute })));
    pool.cancel();
    await pool.finish();
    assert.ok(results.length < files.length, `${results.length} files scanned after cancel`);
  });
});
