import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fetchGitPinsFromRegistry } from '../harness/gitPinnedDependencies';
import { toolchains, toolchainSourceDir } from '../harness/paths';
import { ripgrepAssetName, seedRipgrepCache } from '../harness/ripgrepSeed';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { engines: { vscode: string } };

describe('harness: installing an older code-server from the npm registry alone', () => {
  let scratch = '';
  beforeEach(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'harness-oldest-'))));
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('runs the integration suite in the oldest VS Code engines.vscode admits, from committed lockfiles', () => {
    const engine = /^\^(\d+\.\d+)\.\d+$/.exec(manifest.engines.vscode)?.[1];
    assert.strictEqual(toolchains.oldest.vscodeVersion.split('.').slice(0, 2).join('.'), engine);
    for (const name of [`code-server-${toolchains.oldest.codeServerVersion}`, `node-${toolchains.oldest.nodeVersion}`]) {
      assert.ok(fs.existsSync(path.join(toolchainSourceDir, name, 'package-lock.json')), name);
    }
  });

  describe('seedRipgrepCache', () => {
    it('leaves a tarball with rg at its top where @vscode/ripgrep looks before downloading', () => {
      const fakeRg = path.join(scratch, 'rg-binary');
      fs.writeFileSync(fakeRg, '#!/bin/sh\necho "ripgrep 13.0.0"\n');
      const tmpDir = path.join(scratch, 'tmp');
      const tarball = seedRipgrepCache(tmpDir, { packageVersion: '1.15.9', releaseTag: 'v13.0.0-10' }, fakeRg);

      // download.js: path.join(os.tmpdir(), `vscode-ripgrep-cache-${version}`), then ripgrep-<tag>-<target>.tar.gz
      assert.strictEqual(tarball, path.join(tmpDir, 'vscode-ripgrep-cache-1.15.9', 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'));
      const out = path.join(scratch, 'bin');
      fs.mkdirSync(out);
      assert.strictEqual(spawnSync('tar', ['xzf', tarball, '-C', out]).status, 0); // as download.js unpacks it
      assert.deepStrictEqual(fs.readdirSync(out), ['rg']);
      assert.match(spawnSync(path.join(out, 'rg'), ['--version'], { encoding: 'utf8' }).stdout, /ripgrep 13\.0\.0/);
      assert.deepStrictEqual(fs.readdirSync(tmpDir), ['vscode-ripgrep-cache-1.15.9'], 'nothing else left in the TMPDIR');
    });

    it('names the Debian package when there is no rg to seed from', () => {
      assert.throws(() => seedRipgrepCache(scratch, { packageVersion: '1.15.9', releaseTag: 'v13.0.0-10' }, path.join(scratch, 'none')), /apt-get install ripgrep/);
    });

    it('matches the @vscode/ripgrep the oldest toolchain pins', () => {
      assert.ok(toolchains.oldest.ripgrep, 'code-server before 4.133 installs @vscode/ripgrep');
      assert.match(ripgrepAssetName(toolchains.oldest.ripgrep), /^ripgrep-v13\.0\.0-\d+-x86_64-unknown-linux-musl\.tar\.gz$/);
    });
  });

  describe('fetchGitPinsFromRegistry', () => {
    const integrity = 'sha512-ID1MOlynRkVN121n85Hs1enjW16B5Z1O6bMDkSPqvAMVD6eHUOqmgPZuEkBbRI43PfA6boUEY9Ndjp+0wPKtsg==';
    function writeShrinkwrap(dir: string, packages: Record<string, object>): string {
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'npm-shrinkwrap.json');
      fs.writeFileSync(file, JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'vscode-reh' }, ...packages } }));
      return file;
    }

    it('drops the git URL of such entries only, keeping version and integrity, in the server and extensions shrinkwraps', () => {
      const registryEntry = { version: '7.0.2', resolved: 'https://registry.example/https-proxy-agent-7.0.2.tgz', integrity: 'sha512-x' };
      const server = writeShrinkwrap(scratch, {
        'node_modules/@vscode/proxy-agent': { version: '0.27.0', resolved: 'git+ssh://git@github.com/microsoft/vscode-proxy-agent.git#0803e0a', integrity },
        'node_modules/https-proxy-agent': registryEntry,
      });
      const extensions = writeShrinkwrap(path.join(scratch, 'extensions'), {
        'node_modules/some-grammar': { version: '1.0.0', resolved: 'github:owner/some-grammar#abc', integrity: 'sha512-y' },
      });

      assert.deepStrictEqual(fetchGitPinsFromRegistry(scratch).sort(), ['@vscode/proxy-agent@0.27.0', 'some-grammar@1.0.0']);
      const packages = (JSON.parse(fs.readFileSync(server, 'utf8')) as { packages: Record<string, Record<string, string>> }).packages;
      assert.deepStrictEqual(packages['node_modules/@vscode/proxy-agent'], { version: '0.27.0', integrity });
      assert.deepStrictEqual(packages['node_modules/https-proxy-agent'], registryEntry);
      assert.ok(!fs.readFileSync(extensions, 'utf8').includes('github:'));
    });

    it('leaves a shrinkwrap without git entries byte for byte alone', () => {
      const file = writeShrinkwrap(scratch, { 'node_modules/a': { version: '1.0.0', resolved: 'https://registry.example/a.tgz', integrity: 'sha512-a' } });
      const before = fs.readFileSync(file, 'utf8');
      assert.deepStrictEqual(fetchGitPinsFromRegistry(scratch), []);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), before);
    });

    it('refuses an entry it could not check against the registry copy', () => {
      writeShrinkwrap(scratch, { 'node_modules/unpinned': { version: '1.0.0', resolved: 'git+https://github.com/o/unpinned.git#main' } });
      assert.throws(() => fetchGitPinsFromRegistry(scratch), /unpinned comes from git without a version and integrity hash/);
    });
  });
});
