import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { families, makeKey } from '../fixtures/keyscan/generate';
import type { GitRepo } from '../harness/gitRepo';
import { createGitRepo } from '../harness/gitRepo';
import { extensionFolderPrefix, preCommitHookScript } from '../../src/core/keyscan/preCommitHook';

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
    expect('modified.py', 'tracked', 'error');
    expect('../untracked.yaml', 'untracked', 'warning');
    expect('../.env', 'ignored', 'info');
    const committed = byFile.get('committed.ts')!;
    assert.deepStrictEqual([committed.line, committed.column], [2, 21]);
    assert.strictEqual(committed.kind, 'anthropic-api-key');
    assert.strictEqual(committed.redacted, `${families.api03}…${keys.committed.slice(-4)}`);
    assert.match(committed.fingerprint, /^sha256:[0-9a-f]{64}$/);
    assert.strictEqual(byFile.get('modified.py')!.kind, 'anthropic-oauth-access-token');

    const defaults = JSON.parse(keyscan(dir, '--format', 'json').stdout) as JsonFinding[];
    assert.deepStrictEqual(defaults.map((f) => f.severity).sort(), ['error', 'error', 'error', 'error', 'warning'], 'default threshold is warning');
    const errorsOnly = keyscan(dir, '--format=json', '--severity=error');
    assert.strictEqual((JSON.parse(errorsOnly.stdout) as JsonFinding[]).length, 4);

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

  it('--staged skips staged files over the size limit and binary ones, as the folder scan does', () => {
    const { dir, git, write } = makeRepo();
    write('app.ts', 'export {};\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'initial');
    write('big.txt', `${'x'.repeat(2 * 1024 * 1024)} ${makeKey(families.api03)}\n`);
    fs.writeFileSync(path.join(dir, 'image.bin'), Buffer.concat([Buffer.from([0x89, 0x50, 0, 0]), Buffer.from(makeKey(families.api03))]));
    git('add', 'big.txt', 'image.bin');
    const skipped = keyscan(dir, '--staged', '--max-file-size', '1', '--format', 'json');
    assert.strictEqual(skipped.code, 0, skipped.stdout);
    assert.deepStrictEqual(JSON.parse(skipped.stdout), []);
    const within = keyscan(dir, '--staged', '--format', 'json');
    assert.deepStrictEqual((JSON.parse(within.stdout) as JsonFinding[]).map((f) => [f.file, f.gitState]), [['big.txt', 'staged']]);
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

  it('reports every key under the folder, git-ignored files included: .env (CRLF, no final newline) as info, build bundles as errors', () => {
    const { dir, git, write } = makeRepo();
    const keys = { env: makeKey(families.api03), local: makeKey(families.admin01), bundle: makeKey(families.api03), map: makeKey(families.oat01) };
    write('.gitignore', '.env\n.env.local\ndist/\n');
    write('src/app.ts', 'export const x = 1;\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'initial');
    write('.env', `A=1\r\nANTHROPIC_API_KEY=${keys.env}`);
    write('.env.local', `ANTHROPIC_ADMIN_KEY=${keys.local}\r\n`);
    write('dist/app.min.js', `!function(){var a={k:"${keys.bundle}"};return a}();`);
    write('dist/app.min.js.map', `{"sourcesContent":["const k = \\"${keys.map}\\";"]}`);
    const all = JSON.parse(keyscan(dir, '--format', 'json', '--severity', 'info').stdout) as JsonFinding[];
    assert.deepStrictEqual(
      all.map((f) => [f.file, f.line, f.gitState, f.severity]).sort(),
      [['.env', 2, 'ignored', 'info'], ['.env.local', 1, 'ignored', 'info'], ['dist/app.min.js', 1, 'ignored', 'error'], ['dist/app.min.js.map', 1, 'ignored', 'error']],
    );
    const defaults = keyscan(dir, '--format', 'json');
    assert.strictEqual(defaults.code, 1, 'a key in a bundle fails the run');
    assert.deepStrictEqual((JSON.parse(defaults.stdout) as JsonFinding[]).map((f) => f.file).sort(), ['dist/app.min.js', 'dist/app.min.js.map']);
  });

  it('skips .git and dependency folders unless --include reaches into them; --exclude skips more', () => {
    const { dir, write } = makeRepo();
    write('node_modules/dep/index.js', `module.exports = "${makeKey(families.api03)}";`);
    write('vendor/lib/key.php', `<?php $k = "${makeKey(families.api03)}";`);
    write('docs/example.md', `Key: ${makeKey(families.api03)}`);
    write('src/app.js', `const k = "${makeKey(families.api03)}";`);
    fs.writeFileSync(path.join(dir, '.git', 'leak.txt'), makeKey(families.api03));
    const files = (...args: string[]) => (JSON.parse(keyscan(dir, '--format', 'json', ...args).stdout) as JsonFinding[]).map((f) => f.file).sort();
    assert.deepStrictEqual(files(), ['docs/example.md', 'src/app.js']);
    assert.deepStrictEqual(files('--include', 'node_modules/**'), ['docs/example.md', 'node_modules/dep/index.js', 'src/app.js']);
    assert.deepStrictEqual(files('--include=**/vendor/**', '--exclude', 'docs/**'), ['src/app.js', 'vendor/lib/key.php']);
  });

  it('allow-lists by path glob and fingerprint (.claude-keyscanignore), by .gitleaksignore and by a baseline report', () => {
    const { dir, write } = makeRepo();
    const keys = Array.from({ length: 5 }, () => makeKey(families.api03));
    write('fixtures/a.json', `{"k": "${keys[0]}"}`);
    write('src/b.json', `{"k": "${keys[1]}"}`);
    write('src/c.json', `{\n  "k": "${keys[2]}"\n}`);
    write('src/d.json', `{"k": "${keys[3]}"}`);
    write('src/e.json', `{"k": "${keys[4]}"}`);
    const before = JSON.parse(keyscan(dir, '--format', 'json').stdout) as JsonFinding[];
    assert.strictEqual(before.length, 5);
    const fingerprintOf = (file: string) => before.find((f) => f.file === file)!.fingerprint;
    write('.claude-keyscanignore', `# test data\nfixtures/**\n${fingerprintOf('src/b.json')}\n`);
    write('.gitleaksignore', 'src/c.json:anthropic-api-key:2\n0123456789abcdef0123456789abcdef01234567:src/x.json:generic-api-key:9\n');
    write('baseline.json', JSON.stringify(before.filter((f) => f.file === 'src/d.json')));
    const after = JSON.parse(keyscan(dir, '--format', 'json', '--baseline', 'baseline.json').stdout) as JsonFinding[];
    assert.deepStrictEqual(after.map((f) => f.file), ['src/e.json']);
  });

  it('never follows symbolic links (to /dev/zero, to files outside the folder) and never blocks on a FIFO', () => {
    const { dir, write } = makeRepo();
    const outside = fs.mkdtempSync(path.join(scratch, 'outside-'));
    fs.writeFileSync(path.join(outside, 'secret.txt'), `key ${makeKey(families.api03)}\n`);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.txt'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'linked.txt'));
    fs.symlinkSync(outside, path.join(dir, 'linked-folder'));
    spawnSync('mkfifo', [path.join(dir, 'pipe.txt')]);
    write('real.txt', `key ${makeKey(families.api03)}\n`);
    const result = keyscan(dir, '--format', 'json');
    assert.strictEqual(result.code, 1, result.stderr);
    assert.deepStrictEqual((JSON.parse(result.stdout) as JsonFinding[]).map((f) => f.file), ['real.txt']);
  });

  it("never runs programs from the scanned repository's git config (core.fsmonitor)", () => {
    const { dir, git, write } = makeRepo();
    const marker = path.join(scratch, `fsmonitor-ran-${Date.now()}`);
    const hook = path.join(scratch, `fsmonitor-${Date.now()}.sh`);
    fs.writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`, { mode: 0o755 });
    write('a.ts', `const k = "${makeKey(families.api03)}";\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'key');
    git('config', 'core.fsmonitor', hook);
    const result = keyscan(dir, '--format', 'json');
    assert.strictEqual(result.code, 1, result.stderr);
    assert.strictEqual((JSON.parse(result.stdout) as JsonFinding[])[0].gitState, 'committed');
    assert.strictEqual(keyscan(dir, '--staged').code, 0);
    assert.ok(!fs.existsSync(marker), 'the repository config ran a program');
  });

  describe('the pre-commit hook', () => {
    /** Commits what is staged in `dir` with HOME set to `home`; returns git's exit code and stderr. */
    function commit(dir: string, home: string, env: Record<string, string> = {}): { code: number; stderr: string } {
      const result = spawnSync('git', ['commit', '-q', '-m', 'change'], { cwd: dir, encoding: 'utf8', env: { ...process.env, HOME: home, ...env } });
      return { code: result.status ?? -1, stderr: result.stderr };
    }
    /** An installed extension folder whose keyscan.js is `script`. */
    function install(home: string, root: string, version: string, script: string): void {
      const folder = path.join(home, root, `${extensionFolderPrefix}${version}`, 'dist', 'cli');
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'keyscan.js'), script);
    }
    function repoWithHook(): GitRepo {
      const repo = makeRepo();
      fs.writeFileSync(path.join(repo.dir, '.git', 'hooks', 'pre-commit'), preCommitHookScript(), { mode: 0o755 });
      repo.write('a.txt', 'one\n');
      repo.git('add', '-A');
      return repo;
    }

    it('runs the newest installed version by semver (0.10.0 over 0.9.0), in any editor folder, skipping obsolete copies', () => {
      const { dir } = repoWithHook();
      const home = fs.mkdtempSync(path.join(scratch, 'home-'));
      const ran = path.join(home, 'ran.txt');
      const recorder = (version: string) => `require('fs').writeFileSync(${JSON.stringify(ran)}, ${JSON.stringify(version)} + ' ' + process.argv.slice(2).join(' '));`;
      install(home, '.vscode/extensions', '0.9.0', recorder('0.9.0'));
      install(home, '.cursor/extensions', '0.10.0-linux-x64', recorder('0.10.0'));
      install(home, '.vscode/extensions', '0.11.0', recorder('0.11.0'));
      fs.writeFileSync(path.join(home, '.vscode/extensions/.obsolete'), JSON.stringify({ [`${extensionFolderPrefix}0.11.0`]: true }));
      fs.mkdirSync(path.join(home, '.vscode-server/extensions', `${extensionFolderPrefix}0.12.0`), { recursive: true }); // half-installed: no script
      const result = commit(dir, home);
      assert.strictEqual(result.code, 0, result.stderr);
      assert.strictEqual(fs.readFileSync(ran, 'utf8'), '0.10.0 --staged');
    });

    it('does not block a teammate without the extension: a note instead', () => {
      const { dir } = repoWithHook();
      const home = fs.mkdtempSync(path.join(scratch, 'home-'));
      const result = commit(dir, home);
      assert.strictEqual(result.code, 0);
      assert.match(result.stderr, /not installed here, so this commit was not checked/);
    });

    it('blocks a commit that adds a key, with the real scanner', () => {
      const { dir, git, write } = repoWithHook();
      const home = fs.mkdtempSync(path.join(scratch, 'home-'));
      install(home, '.vscode/extensions', '1.2.3', fs.readFileSync(bundle, 'utf8'));
      assert.strictEqual(commit(dir, home).code, 0, 'a clean commit passes');
      write('config.ts', `export const key = "${makeKey(families.api03)}";\n`);
      git('add', '-A');
      const blocked = commit(dir, home);
      assert.notStrictEqual(blocked.code, 0);
      assert.strictEqual(git('log', '--oneline').trim().split('\n').length, 1, 'the commit with the key was made');
    });
  });

  it('ships as an executable bundle with a shebang', () => {
    assert.ok(fs.readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node'));
    const version = keyscan(scratch, '--version');
    assert.strictEqual(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
