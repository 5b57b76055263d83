import * as fs from 'node:fs';
import * as path from 'node:path';
import { allowListFile, gitleaksIgnoreFile, loadAllowList } from '../core/keyscan/allowList';
import type { AllowList } from '../core/keyscan/allowList';

/**
 * The allow list (`.claude-keyscanignore`, `.gitleaksignore`) of each repository or workspace folder.
 * The live lint asks on every scan, so a list is parsed again only when one of its files changed (size
 * or modification time): an edit takes effect at the next scan, a scan that follows costs two `stat`s.
 */
export class AllowLists {
  private readonly cache = new Map<string, { list: AllowList; version: string }>();

  of(root: string): AllowList {
    const version = [allowListFile, gitleaksIgnoreFile].map((name) => fileVersion(path.join(root, name))).join('|');
    const cached = this.cache.get(root);
    if (cached?.version === version) return cached.list;
    const list = loadAllowList(root);
    this.cache.set(root, { list, version });
    return list;
  }
}

function fileVersion(file: string): string {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.size}:${stat.mtimeMs}:${stat.ino}` : 'none';
}
