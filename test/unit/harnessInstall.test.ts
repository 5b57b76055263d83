import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CachedTool } from '../harness/cachedTool';
import { ensureCachedTool, installState, toolFingerprint } from '../harness/cachedTool';
import { cleanInstallEnv } from '../harness/installEnv';
import { InstallStepError, likelyCause, runInstallStep } from '../harness/installStep';

describe('harness: the tool installer', () => {
  let scratch = '';
  let source = '';
  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'harness-install-'));
    source = path.join(scratch, 'source');
    fs.mkdirSync(source);
    fs.writeFileSync(path.join(source, 'package.json'), '{"name":"tool","dependencies":{"x":"1.0.0"}}');
    fs.writeFileSync(path.join(source, 'package-lock.json'), '{"lockfileVersion":3}');
  });
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  /** A tool whose install writes a file (or fails, or never finishes) and whose smoke check reads it. */
  function fakeTool(behaviour: { fail?: boolean; hang?: Promise<void> } = {}): CachedTool & { installs: number } {
    const tool = {
      installs: 0,
      label: 'tool 1.0.0',
      sourceDir: source,
      targetDir: path.join(scratch, 'cache', 'tool-1.0.0'),
      install: async (workDir: string) => {
        tool.installs++;
        fs.writeFileSync(path.join(workDir, 'bin'), 'tool');
        if (behaviour.hang) await behaviour.hang;
        if (behaviour.fail) throw new Error('registry unreachable');
      },
      smokeCheck: (workDir: string) => {
        assert.strictEqual(fs.readFileSync(path.join(workDir, 'bin'), 'utf8'), 'tool');
        return Promise.resolve();
      },
    };
    return tool;
  }

  describe('cleanInstallEnv', () => {
    // What `npm test` (npm 11 on Node 20) hands its children, trimmed to the variables that matter.
    const underNpm: NodeJS.ProcessEnv = {
      PATH: '/usr/local/bin:/usr/bin',
      HOME: '/home/dev',
      NODE_EXTRA_CA_CERTS: '/etc/ssl/proxy.pem',
      https_proxy: 'http://proxy:3128',
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
      npm_config_nodedir: '/usr',
      npm_config_prefix: '/usr',
      npm_lifecycle_event: 'test',
      npm_lifecycle_script: 'tsx test/harness/run.ts',
      npm_package_name: 'claude-api-toolkit',
      NPM_CONFIG_REGISTRY: 'http://elsewhere',
      npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      NODE: '/usr/bin/node',
      INIT_CWD: '/work/main',
      NODE_OPTIONS: '--import tsx',
      FORCE_NODE_VERSION: '20',
    };

    it('passes on none of the calling npm state, and keeps proxy, CA and home', () => {
      const env = cleanInstallEnv(underNpm);
      assert.deepStrictEqual(Object.keys(env).filter((name) => /^npm_/i.test(name)), []);
      for (const name of ['NODE', 'INIT_CWD', 'NODE_OPTIONS', 'FORCE_NODE_VERSION']) assert.strictEqual(env[name], undefined, name);
      assert.deepStrictEqual(
        { HOME: env.HOME, NODE_EXTRA_CA_CERTS: env.NODE_EXTRA_CA_CERTS, https_proxy: env.https_proxy, PATH: env.PATH },
        { HOME: '/home/dev', NODE_EXTRA_CA_CERTS: '/etc/ssl/proxy.pem', https_proxy: 'http://proxy:3128', PATH: '/usr/local/bin:/usr/bin' },
      );
    });

    it('puts the given Node first on PATH', () => {
      assert.strictEqual(cleanInstallEnv(underNpm, '/cache/node-24/bin').PATH, '/cache/node-24/bin:/usr/local/bin:/usr/bin');
    });

    it('is what a child npm sees: none of the caller\'s npm configuration', () => {
      const callerEnv = { ...process.env, npm_config_user_agent: 'npm/0.0.0 node/v18.0.0 leaked', NPM_CONFIG_REGISTRY: 'http://elsewhere.invalid/' };
      const npmConfig = (key: string) => {
        const result = spawnSync('npm', ['config', 'get', key], { encoding: 'utf8', env: cleanInstallEnv(callerEnv) });
        assert.strictEqual(result.status, 0, result.stderr);
        return result.stdout.trim();
      };
      // Without the clean environment both would come back as the caller's values.
      assert.doesNotMatch(npmConfig('user-agent'), /leaked/);
      assert.notStrictEqual(npmConfig('registry'), 'http://elsewhere.invalid/');
    });
  });

  describe('installState', () => {
    it('tells missing, unfinished, outdated and ready apart', () => {
      const tool = fakeTool();
      const fingerprint = toolFingerprint(source);
      assert.strictEqual(installState(tool.targetDir, fingerprint), 'missing');
      fs.mkdirSync(path.join(tool.targetDir, 'node_modules'), { recursive: true });
      assert.strictEqual(installState(tool.targetDir, fingerprint), 'incomplete');
      fs.writeFileSync(path.join(tool.targetDir, '.claude-api-toolkit-install.json'), '{"fingerprint":"from another lockfile"}');
      assert.strictEqual(installState(tool.targetDir, fingerprint), 'outdated');
      fs.writeFileSync(path.join(tool.targetDir, '.claude-api-toolkit-install.json'), '{"fingerprint":');
      assert.strictEqual(installState(tool.targetDir, fingerprint), 'incomplete', 'a torn marker is not a finished install');
    });

    it('changes fingerprint when the lockfile changes', () => {
      const before = toolFingerprint(source);
      fs.writeFileSync(path.join(source, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}');
      assert.notStrictEqual(toolFingerprint(source), before);
    });
  });

  describe('ensureCachedTool', () => {
    it('installs once, then reuses the cache', async () => {
      const tool = fakeTool();
      await ensureCachedTool(tool, () => undefined);
      await ensureCachedTool(tool, () => undefined);
      assert.strictEqual(tool.installs, 1);
      assert.strictEqual(installState(tool.targetDir, toolFingerprint(source)), 'ready');
      assert.strictEqual(fs.readFileSync(path.join(tool.targetDir, 'bin'), 'utf8'), 'tool');
    });

    it('leaves nothing behind when the install fails, and tries again next time', async () => {
      await assert.rejects(ensureCachedTool(fakeTool({ fail: true }), () => undefined), /registry unreachable/);
      assert.deepStrictEqual(fs.readdirSync(path.dirname(fakeTool().targetDir)), []);
      const retry = fakeTool();
      await ensureCachedTool(retry, () => undefined);
      assert.strictEqual(retry.installs, 1);
    });

    it('redoes a target left unfinished, and says so', async () => {
      const tool = fakeTool();
      fs.mkdirSync(path.join(tool.targetDir, 'node_modules', '.bin'), { recursive: true }); // an old-style half install
      const messages: string[] = [];
      await ensureCachedTool(tool, (message) => messages.push(message));
      assert.strictEqual(tool.installs, 1);
      assert.ok(messages.some((message) => /unfinished install of tool 1\.0\.0/.test(message)), messages.join('\n'));
      assert.ok(!fs.existsSync(path.join(tool.targetDir, 'node_modules')), 'the debris was removed, not built upon');
    });

    it('removes the partial folder of a killed install', async () => {
      const cacheDir = path.dirname(fakeTool().targetDir);
      fs.mkdirSync(path.join(cacheDir, '.partial-tool-1.0.0-abc123', 'node_modules'), { recursive: true });
      fs.writeFileSync(path.join(cacheDir, '.install.lock'), '999999999'); // its owner is gone
      const messages: string[] = [];
      await ensureCachedTool(fakeTool(), (message) => messages.push(message));
      assert.deepStrictEqual(fs.readdirSync(cacheDir).sort(), ['tool-1.0.0']);
      assert.ok(messages.some((message) => /did not finish/.test(message)), messages.join('\n'));
    });

    it('lets one of two concurrent runs install while the other waits for it', async () => {
      let release: () => void = () => undefined;
      const first = fakeTool({ hang: new Promise<void>((resolve) => (release = resolve)) });
      const second = fakeTool();
      const running = ensureCachedTool(first, () => undefined);
      const waiting = ensureCachedTool(second, () => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
      release();
      await Promise.all([running, waiting]);
      assert.strictEqual(first.installs + second.installs, 1);
    });
  });

  describe('runInstallStep', () => {
    it('names the step, the cause and the log when a command fails', async () => {
      const logFile = path.join(scratch, 'step.log');
      const step = {
        title: 'code-server 4.139.1: npm ci',
        command: process.execPath,
        args: ['-e', 'console.error("npm error code ENOTFOUND"); process.exit(1)'],
        env: process.env,
        logFile,
      };
      await assert.rejects(runInstallStep(step, () => undefined), (error: Error) => {
        assert.ok(error instanceof InstallStepError);
        assert.match(error.message, /^code-server 4\.139\.1: npm ci failed \(exit 1\)\. The package registry could not be reached/);
        assert.ok(error.message.includes(`Full log: ${logFile}`));
        return true;
      });
      assert.match(fs.readFileSync(logFile, 'utf8'), /ENOTFOUND/);
    });

    it('recognises the causes people can act on', () => {
      assert.match(likelyCause('gyp: fatal error: gssapi/gssapi.h: No such file or directory'), /C header is missing/);
      assert.match(likelyCause('npm error code SELF_SIGNED_CERT_IN_CHAIN'), /certificate/);
      assert.match(likelyCause('ENOSPC: no space left'), /disk is full/);
      assert.match(likelyCause('something else'), /See the log/);
    });
  });
});
