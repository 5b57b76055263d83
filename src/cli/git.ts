// Git facts for the CLI, through the git command line (the editor uses VS Code's git extension).
import { execFileSync } from 'node:child_process';

const maxBuffer = 256 * 1024 * 1024;

function run(cwd: string, args: string[], input?: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer, input, stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** The top folder of the repository holding `dir`, or undefined outside git. */
export function repositoryRoot(dir: string): string | undefined {
  return run(dir, ['rev-parse', '--show-toplevel'])?.trim() || undefined;
}

function nulList(output: string | undefined): string[] {
  return (output ?? '').split('\0').filter(Boolean);
}

/** Tracked and untracked files (relative to `root`), without ignored ones unless `withIgnored`. */
export function listFiles(root: string, pathspecs: string[], withIgnored: boolean): string[] {
  const files = nulList(run(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...pathspecs]));
  if (withIgnored) files.push(...nulList(run(root, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--', ...pathspecs])));
  return [...new Set(files)];
}

/** Files with staged additions or modifications (relative to `root`). */
export function stagedFiles(root: string, pathspecs: string[]): string[] {
  return nulList(run(root, ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR', '--', ...pathspecs]));
}

/** A file's content at `HEAD` (`ref` = 'HEAD') or in the index (`ref` = ''), or undefined when it has none. */
export function blob(root: string, ref: 'HEAD' | '', relativePath: string): string | undefined {
  return run(root, ['cat-file', '-p', `${ref}:${relativePath}`]);
}

/**
 * Which of `relativePaths` git ignores. `git check-ignore --stdin -z` is used rather than anything
 * cached: it is exact and takes a few milliseconds.
 */
export function ignoredFiles(root: string, relativePaths: string[]): Set<string> {
  if (relativePaths.length === 0) return new Set();
  return new Set(nulList(run(root, ['check-ignore', '--stdin', '-z'], relativePaths.join('\0') + '\0')));
}
