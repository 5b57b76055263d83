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
