// claude-keyscan as a whole process (start, walk, read, scan, git states, report) on a generated
// repository of about 50 MB, next to the bare job in the same run: one process that lists the same
// files, reads each and runs one V8 regex over it. gitleaks' published figure for comparison: 66 MB/s.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { makeKey, families } from '../test/fixtures/keyscan/generate';
import { minifiedDoc, sourceDoc } from './fixtures/keyscanCorpus';
import { report } from './report';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'keyscan-cli-bench-'));
const repo = path.join(scratch, 'repo');
const write = (relative: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(repo, relative)), { recursive: true });
  fs.writeFileSync(path.join(repo, relative), text);
};

let planted = 0;
for (let i = 0; i < 320; i++) {
  const doc = sourceDoc(100_000);
  planted += doc.keys.size;
  write(`src/module${Math.floor(i / 40)}/file${i}.${['ts', 'py', 'json', 'yaml', 'md'][i % 5]}`, doc.text);
}
for (let i = 0; i < 8; i++) {
  const doc = minifiedDoc(2_500_000, i % 2);
  planted += doc.keys.size;
  write(`${i < 4 ? 'dist' : 'public/assets'}/bundle${i}.min.js`, doc.text);
}
write('.gitignore', 'dist/\n.env\n');
write('.env', `ANTHROPIC_API_KEY=${makeKey(families.api03)}\n`);
planted++;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
git('init', '-q');
git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'add', 'src');
git('-c', 'user.email=bench@example.com', '-c', 'user.name=bench', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', 'corpus');

const cli = path.join(scratch, 'keyscan.js');
esbuild.buildSync({ entryPoints: [path.join(__dirname, '..', 'src', 'cli', 'keyscan.ts')], outfile: cli, bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, logLevel: 'error' });
const bare = path.join(scratch, 'bare.js');
fs.writeFileSync(
  bare,
  `const fs = require('fs'); const path = require('path');
const root = process.argv[2]; const pattern = /sk-ant-[A-Za-z0-9_-]{40,}/g; let hits = 0;
for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
  const parent = entry.parentPath ?? entry.path;
  if (!entry.isFile() || parent.split(path.sep).includes('.git')) continue;
  const text = fs.readFileSync(path.join(parent, entry.name), 'utf8');
  for (const _ of text.matchAll(pattern)) hits++;
}
console.log(hits);`,
);

const bytes = Number(execFileSync('du', ['-sb', '--exclude=.git', repo], { encoding: 'utf8' }).split('\t')[0]);
const megabytes = bytes / (1024 * 1024);

/** Median wall times of `node <args>` for each command, run alternately (others share the machine: load shifts). */
function wallMs(runs: number, commands: string[][]): { ms: number; stdout: string }[] {
  const times = commands.map(() => [] as number[]);
  const stdout = commands.map(() => '');
  for (let i = 0; i <= runs; i++) {
    commands.forEach((args, c) => {
      const started = performance.now();
      const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (i > 0) times[c].push(performance.now() - started); // the first round fills the page cache
      stdout[c] = result.stdout;
    });
  }
  return times.map((list, c) => ({ ms: list.sort((a, b) => a - b)[Math.floor(list.length / 2)], stdout: stdout[c] }));
}

const [ours, baseline] = wallMs(9, [[cli, repo, '--format', 'json', '--severity', 'info'], [bare, repo]]);
const found = (JSON.parse(ours.stdout) as unknown[]).length;
report('keyscan cli corpus size', megabytes, 'MB');
report('keyscan cli keys found of planted', found / planted, 'ratio');
report('keyscan cli whole process throughput', megabytes / (ours.ms / 1000), 'MB/s', { value: megabytes / (baseline.ms / 1000), unit: 'MB/s' });
report('keyscan cli whole process time', ours.ms, 'ms', { value: baseline.ms, unit: 'ms' });
if (!process.env.KEEP_BENCH_CORPUS) fs.rmSync(scratch, { recursive: true, force: true });
else console.log(`# corpus kept in ${scratch}`);
