// Installs a pinned tool into the harness cache so that a half-finished install is never trusted:
// everything is built in a temporary folder beside the target and renamed into place only after a
// smoke check passes; the target then holds a marker naming the exact lockfile it was built from.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CachedTool {
  /** What the user reads in progress lines, e.g. "code-server 4.139.1". */
  label: string;
  /** Folder holding the tool's pinned package.json and package-lock.json (committed). */
  sourceDir: string;
  /** Final place in the cache. */
  targetDir: string;
  /** Fills `workDir` (a fresh folder holding copies of the source files). Throws on failure. */
  install(workDir: string): Promise<void>;
  /** Proves the tool in `workDir` runs; throws otherwise. */
  smokeCheck(workDir: string): Promise<void>;
}

export type InstallState = 'ready' | 'missing' | 'incomplete' | 'outdated';

const markerName = '.claude-api-toolkit-install.json';
const tempPrefix = '.partial-';
const lockName = '.install.lock';

/** Hash of the pinned manifest and lockfile: a change to either means the cached copy is outdated. */
export function toolFingerprint(sourceDir: string): string {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(fs.readFileSync(path.join(sourceDir, file)));
  return hash.digest('hex');
}

/** What the cache holds for a tool: nothing, a finished install of this lockfile, another one, or debris. */
export function installState(targetDir: string, fingerprint: string): InstallState {
  if (!fs.existsSync(targetDir)) return 'missing';
  let marker: { fingerprint?: unknown };
  try {
    marker = JSON.parse(fs.readFileSync(path.join(targetDir, markerName), 'utf8')) as { fingerprint?: unknown };
  } catch {
    return 'incomplete';
  }
  return marker.fingerprint === fingerprint ? 'ready' : 'outdated';
}

/**
 * Makes sure `tool` is installed and finished. One install at a time per cache folder (other
 * processes wait); leftovers of a killed install are removed; a target without a valid marker
 * (an install from before markers, or a folder someone half-deleted) is redone.
 */
export async function ensureCachedTool(tool: CachedTool, log: (message: string) => void): Promise<void> {
  const fingerprint = toolFingerprint(tool.sourceDir);
  if (installState(tool.targetDir, fingerprint) === 'ready') return;
  const cacheDir = path.dirname(tool.targetDir);
  fs.mkdirSync(cacheDir, { recursive: true });
  await withCacheLock(cacheDir, log, async () => {
    const state = installState(tool.targetDir, fingerprint);
    if (state === 'ready') return; // another process finished it while we waited
    removeLeftovers(cacheDir, log);
    if (state !== 'missing') {
      log(
        state === 'incomplete'
          ? `${tool.targetDir} is an unfinished install of ${tool.label} (no completion marker): removing it and installing again`
          : `${tool.targetDir} was built from another lockfile: reinstalling ${tool.label}`,
      );
      fs.rmSync(tool.targetDir, { recursive: true, force: true });
    }
    const workDir = fs.mkdtempSync(path.join(cacheDir, `${tempPrefix}${path.basename(tool.targetDir)}-`));
    try {
      for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(tool.sourceDir, file), path.join(workDir, file));
      await tool.install(workDir);
      await tool.smokeCheck(workDir);
      fs.writeFileSync(path.join(workDir, markerName), JSON.stringify({ fingerprint, installedAt: new Date().toISOString() }, null, 2));
      fs.renameSync(workDir, tool.targetDir);
    } catch (error) {
      fs.rmSync(workDir, { recursive: true, force: true });
      throw error;
    }
  });
}

/** Partial folders are only ever written under the lock, so any found while holding it are debris. */
function removeLeftovers(cacheDir: string, log: (message: string) => void): void {
  for (const name of fs.readdirSync(cacheDir)) {
    if (!name.startsWith(tempPrefix)) continue;
    log(`removing ${path.join(cacheDir, name)}, left by an install that did not finish`);
    fs.rmSync(path.join(cacheDir, name), { recursive: true, force: true });
  }
}

/** A lock file holding the owner's pid; a lock whose owner is gone (killed install) is taken over. */
async function withCacheLock(cacheDir: string, log: (message: string) => void, body: () => Promise<void>): Promise<void> {
  const lockFile = path.join(cacheDir, lockName);
  let waitingSaid = false;
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readLockOwner(lockFile);
    if (owner === 'gone') continue;
    if (owner !== 'unknown' && !isAlive(owner)) {
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    if (!waitingSaid) log(`waiting for another install into ${cacheDir} (pid ${String(owner)}) to finish`);
    waitingSaid = true;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  try {
    await body();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

/** The pid in the lock; 'unknown' while its owner is still writing it, 'gone' once it was released. */
function readLockOwner(lockFile: string): number | 'unknown' | 'gone' {
  let text: string;
  try {
    text = fs.readFileSync(lockFile, 'utf8').trim();
  } catch {
    return 'gone';
  }
  const pid = Number(text);
  return text && Number.isInteger(pid) ? pid : 'unknown';
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
