// Git facts for the CLI, through the git command line (the editor uses VS Code's git extension).
import { execFileSync } from 'node:child_process';
import { safeGitOptions } from '../core/keyscan/safeGit';

const maxBuffer = 1024 * 1024 * 1024;

function run(cwd: string, args: string[], input?: string): string | undefined {
  try {
    return execFileSync('git', [...safeGitOptions, ...args], { cwd, encoding: 'utf8', maxBuffer, input, stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** The top folder of the repository holding `dir`, or undefined outside git. */
export function repositoryRoot(dir: string): string | undefined {
  return run(dir, ['rev-parse', '--show-toplevel'])?.trim() || undefined;
}

/** The hash git names objects by in `root` (`sha1`, or `sha256` in repositories made that way). */
export function objectFormat(root: string): 'sha1' | 'sha256' {
  return run(root, ['rev-parse', '--show-object-format'])?.trim() === 'sha256' ? 'sha256' : 'sha1';
}

/** Object ids of every file in the index (stage 0), by path relative to `root`. */
export function indexObjectIds(root: string): Map<string, string> {
  const ids = new Map<string, string>();
  for (const entry of nulList(run(root, ['ls-files', '-s', '-z']))) {
    const match = /^\d+ ([0-9a-f]+) 0\t(.*)$/s.exec(entry);
    if (match) ids.set(match[2], match[1]);
  }
  return ids;
}

/** Object ids of every file in HEAD, by path relative to `root` (empty before the first commit). */
export function headObjectIds(root: string): Map<string, string> {
  const ids = new Map<string, string>();
  for (const entry of nulList(run(root, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD']))) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (match) ids.set(match[2], match[1]);
  }
  return ids;
}

function nulList(output: string | undefined): string[] {
  return (output ?? '').split('\0').filter(Boolean);
}

/** Files with staged additions or modifications (relative to `root`). */
export function stagedFiles(root: string, pathspecs: string[]): string[] {
  return nulList(run(root, ['diff', '--cached', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR', '--', ...pathspecs]));
}

/**
 * Many blobs in one `git cat-file --batch`: each spec is `HEAD:<path>` or `:<path>` (the index).
 * Returns the text per spec, undefined where there is no such blob. Paths holding a newline cannot be
 * asked this way and come back undefined.
 */
export function blobs(root: string, specs: readonly string[]): Map<string, string | undefined> {
  const result = new Map<string, string | undefined>();
  const asked = specs.filter((spec) => !spec.includes('\n'));
  if (asked.length === 0) return result;
  let output: Buffer;
  try {
    output = execFileSync('git', [...safeGitOptions, 'cat-file', '--batch'], { cwd: root, maxBuffer, input: asked.join('\n') + '\n', stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    return result;
  }
  let at = 0;
  for (const spec of asked) {
    const headerEnd = output.indexOf(10, at);
    if (headerEnd === -1) break;
    const header = output.toString('utf8', at, headerEnd);
    at = headerEnd + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) {
      result.set(spec, undefined); // "<spec> missing" or ambiguous
      continue;
    }
    const size = Number(match[2]);
    result.set(spec, match[1] === 'blob' ? output.toString('utf8', at, at + size) : undefined);
    at += size + 1;
  }
  return result;
}

/** Which of `relativePaths` git ignores (`git check-ignore`, exact and quick). */
export function ignoredFiles(root: string, relativePaths: readonly string[]): Set<string> {
  if (relativePaths.length === 0) return new Set();
  return new Set(nulList(run(root, ['check-ignore', '--stdin', '-z'], relativePaths.join('\0') + '\0')));
}
