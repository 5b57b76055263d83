import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { families, makeKey } from '../fixtures/keyscan/generate';
import type { GitRepo } from '../harness/gitRepo';
import { createGitRepo } from '../harness/gitRepo';

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  kind: string;
  severity: string;
  gitState: string;
  redacted: string;
  fingerprint: string;
}

const repoRoot = path.resolve(__dirname, '..', '..');
let bundle = '';
let scratch = '';

/** Runs the bundled CLI as a user would (`node dist/cli/keyscan.js`), in `cwd`. */
function keyscan(cwd: string, ...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bundle, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function makeRepo(): GitRepo {
  return createGitRepo(fs.mkdtempSync(path.join(scratch, 'repo-')));
}

describe('claude-keyscan CLI', function () {
  this.timeout(60_000);

  before(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'keyscan-cli-'));
    bundle = path.join(scratch, 'keyscan.js');
    // The same options esbuild.js uses for dist/cli, so the test runs what ships.
    await esbuild.build({
      entryPoints: [path.join(repoRoot, 'src', 'cli', 'keyscan.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      logLevel: 'error',
    });
  });

  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('exits 2 with a message on usage errors, 0 on --help', () => {
    for (const args of [['--bogus'], ['--format', 'xml'], ['--format'], ['--severity', 'loud'], ['no/such/dir'], ['--max-file-size', '-1']]) {
      const result = keyscan(scratch, ...args);
      assert.strictEqual(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /claude-keyscan: .+\n/);
    }
    const help = keyscan(scratch, '--help');
    assert.strictEqual(help.code, 0);
    assert.match(help.stdout, /--staged/);
    assert.strictEqual(keyscan(scratch, '--staged').code, 2, '--staged outside a repository is a usage error');
  });

  it('reports every git state with its severity, as JSON relative to the current folder', () => {
    const { dir, git, write } = makeRepo();
    const keys = {
      committed: makeKey(families.api03),
      forced: makeKey(families.admin01),
      staged: makeKey(families.api03),
      modified: makeKey(families.oat01),
      untracked: makeKey(families.api03),
      ignored: makeKey(families.api03),
      allowed: makeKey(families.api03),
    };
    write('.gitignore', '.env\nsecrets/\n');
    write('src/committed.ts', `// config\nexport const key = "${keys.committed}";\n`);
    write('secrets/forced.json', `{"k": "${keys.forced}"}`);
    write('src/modified.py', 'import os\n');
    write('docs/readme.md', `Set ${families.api03}... or ${families.api03}${'X'.repeat(93)}AA\n`);
    git('add', '-A');
    git('add', '-f', 'secrets/forced.json');
    git('commit', '-q', '-m', 'initial');
    write('src/staged.js', `const k = '${keys.staged}'`);
    git('add', 'src/staged.js');
    write('src/modified.py', `import os\nTOKEN = "${keys.modified}"\n`);
    write('untracked.yaml', `keys: [${keys.untracked}, x]\n`);
    write('.env', `ANTHROPIC_API_KEY=${keys.ignored}\n`);
    write('src/test.ts', `const fixture = "${keys.allowed}"; // claude-keyscan:allow\n`);
    write('node_modules/dep/index.js', 'const unrelated = 1;\n');

    const cwd = path.join(dir, 'src');
    const result = keyscan(cwd, '..', '--format', 'json', '--severity', 'info');
    assert.strictEqual(result.code, 1, result.stderr);
    for (const key of Object.values(keys)) assert.ok(!result.stdout.includes(key.slice(20)), 'the CLI printed a key');
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    const byFile = new Map(findings.map((f) => [f.file, f]));
    assert.deepStrictEqual([...byFile.keys()].sort(), ['../.env', '../secrets/forced.json', '../untracked.yaml', 'committed.ts', 'modified.py', 'staged.js']);
    const expect = (file: string, gitState: string, severity: string) => {
      const finding = byFile.get(file);
      assert.ok(finding, file);
      assert.deepStrictEqual([finding.gitState, finding.severity], [gitState, severity], file);
      assert.deepStrictEqual(Object.keys(finding), ['file', 'line', 'column', 'kind', 'severity', 'gitState', 'redacted', 'fingerprint']);
    };
    expect('committed.ts', 'committed', 'error');
    expect('../secrets/forced.json', 'committed', 'error');
    expect('staged.js', 'staged', 'error');
    expect('modified.py', 'modified', 'warning');
    expect('../untracked.yaml', 'untracked', 'warning');
    expect('../.env', 'ignored', 'info');
    const committed = byFile.get('committed.ts')!;
    assert.deepStrictEqual([committed.line, committed.column], [2, 21]);
    assert.strictEqual(committed.kind, 'anthropic-api-key');
    assert.strictEqual(committed.redacted, `${families.api03}…${keys.committed.slice(-4)}`);
    assert.match(committed.fingerprint, /^sha256:[0-9a-f]{64}$/);
    assert.strictEqual(byFile.get('modified.py')!.kind, 'anthropic-oauth-access-token');

    const defaults = JSON.parse(keyscan(dir, '--format', 'json').stdout) as JsonFinding[];
    assert.deepStrictEqual(defaults.map((f) => f.severity).sort(), ['error', 'error', 'error', 'warning', 'warning'], 'default threshold is warning');
    const errorsOnly = keyscan(dir, '--format=json', '--severity=error');
    assert.strictEqual((JSON.parse(errorsOnly.stdout) as JsonFinding[]).length, 3);

    const staged = keyscan(dir, '--staged', '--format', 'json');
    assert.strictEqual(staged.code, 1);
    assert.deepStrictEqual((JSON.parse(staged.stdout) as JsonFinding[]).map((f) => [f.file, f.gitState]), [['src/staged.js', 'staged']]);
  });

  it('passes a clean commit in --staged mode and fails one that adds a key', () => {
    const { dir, git, write } = makeRepo();
    write('app.ts', 'export const x = 1;\n');
    git('add', '-A');
    const clean = keyscan(dir, '--staged');
    assert.strictEqual(clean.code, 0, clean.stdout);
    assert.match(clean.stdout, /no keys found/);
    const key = makeKey(families.api03);
    write('app.ts', `export const x = 1;\nconst key = "${key.slice(0, 60)}" +\n  "${key.slice(60)}";\n`);
    // Only the staged content counts: the working tree has the key, the index does not yet.
    assert.strictEqual(keyscan(dir, '--staged').code, 0);
    git('add', 'app.ts');
    const dirty = keyscan(dir, '--staged');
    assert.strictEqual(dirty.code, 1);
    assert.match(dirty.stdout, /^app\.ts:2:14: error: Claude API key sk-ant-api03-…/m);
    assert.ok(!dirty.stdout.includes(key.slice(20, 60)));
  });

  it('writes SARIF 2.1.0 with rules, levels and fingerprints', () => {
    const { dir, write } = makeRepo();
    write('a.env', `KEY=${makeKey(families.api03)}\n`);
    write('b.txt', `x ${makeKey(families.sid01)}\n`);
    const result = keyscan(dir, '--format', 'sarif');
    assert.strictEqual(result.code, 1);
    const sarif = JSON.parse(result.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; partialFingerprints: Record<string, string> }[] }[];
    };
    assert.strictEqual(sarif.version, '2.1.0');
    const [run] = sarif.runs;
    assert.strictEqual(run.tool.driver.name, 'claude-keyscan');
    assert.deepStrictEqual(run.tool.driver.rules.map((r) => r.id).sort(), ['anthropic-api-key', 'anthropic-session-id']);
    assert.deepStrictEqual(run.results.map((r) => [r.locations[0].physicalLocation.artifactLocation.uri, r.level]).sort(), [['a.env', 'warning'], ['b.txt', 'warning']]);
    assert.match(run.results[0].partialFingerprints['keyFingerprint/v1'], /^sha256:/);
  });

  it('outside git: scans folders (skipping node_modules, binaries and oversized files) with gitState none', () => {
    const dir = fs.mkdtempSync(path.join(scratch, 'plain-'));
    const key = makeKey(families.api03);
    fs.mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'x', 'key.js'), `"${key}"`);
    fs.writeFileSync(path.join(dir, 'image.bin'), Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(key)]));
    fs.writeFileSync(path.join(dir, 'big.txt'), `${'x'.repeat(2 * 1024 * 1024)} ${key}`);
    fs.writeFileSync(path.join(dir, 'config.js'), `module.exports = { key: "${key}" };`);
    const result = keyscan(dir, '--format', 'json', '--max-file-size', '1');
    assert.strictEqual(result.code, 1);
    const findings = JSON.parse(result.stdout) as JsonFinding[];
    assert.deepStrictEqual(findings.map((f) => [f.file, f.gitState, f.severity]), [['config.js', 'none', 'warning']]);
    const named = keyscan(dir, 'big.txt', '--format', 'json');
    assert.strictEqual((JSON.parse(named.stdout) as JsonFinding[]).length, 1, 'a file within the default size limit is scanned');
  });

  it('ships as an executable bundle with a shebang', () => {
    assert.ok(fs.readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node'));
    const version = keyscan(scratch, '--version');
    assert.strictEqual(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
