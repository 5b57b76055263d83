import { loadAllowList } from '../core/keyscan/allowList';
import type { AllowList } from '../core/keyscan/allowList';

/** How long a root's allow-list files are trusted before they are read again. */
const freshForMs = 3000;

/**
 * The allow list (`.claude-keyscanignore`, `.gitleaksignore`) of each repository or workspace folder,
 * read from disk at most every few seconds: the live lint asks on every scan.
 */
export class AllowLists {
  private readonly cache = new Map<string, { list: AllowList; readAt: number }>();

  of(root: string): AllowList {
    const cached = this.cache.get(root);
    if (cached && performance.now() - cached.readAt < freshForMs) return cached.list;
    const list = loadAllowList(root);
    this.cache.set(root, { list, readAt: performance.now() });
    return list;
  }
}
