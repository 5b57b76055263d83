import { execFile } from 'node:child_process';
import { safeGitOptions } from '../core/keyscan/safeGit';

/**
 * Which of `absolutePaths` git ignores, by `git check-ignore --stdin -z` in `root`. The git
 * extension's `checkIgnore` sometimes resolves before git's output is read and returns nothing; the
 * command itself is exact and takes a few milliseconds. Tracked files are never reported as ignored.
 */
export function checkIgnore(root: string, absolutePaths: readonly string[]): Promise<Set<string>> {
  if (absolutePaths.length === 0) return Promise.resolve(new Set());
  return new Promise((resolve) => {
    const child = execFile('git', [...safeGitOptions, 'check-ignore', '--stdin', '-z'], { cwd: root, encoding: 'utf8' }, (_error, stdout) => {
      // Exit code 1 means "none ignored"; any other failure is treated the same: nothing known to be ignored.
      resolve(new Set(String(stdout ?? '').split('\0').filter(Boolean)));
    });
    child.stdin?.end(absolutePaths.join('\0') + '\0');
  });
}
