/**
 * Where a key stands with git, and how loud to be about it. A key in HEAD or in the index is already
 * (or about to be) in history, so it must be rotated; a key only in the working tree can still be
 * removed before anyone sees it; an ignored file stays on this machine.
 */
export type GitState =
  /** The key is in the file's HEAD version. */
  | 'committed'
  /** The key is in the staged (index) version but not in HEAD. */
  | 'staged'
  /** The file is tracked; the key exists only in the working tree. */
  | 'modified'
  /** The file is not tracked and git does not ignore it: the next `git add .` takes it. */
  | 'untracked'
  /** git ignores the file (and it is not tracked). */
  | 'ignored'
  /** Not inside a git repository (or git is unavailable). */
  | 'none';

export type KeySeverity = 'error' | 'warning' | 'info';

export interface GitFacts {
  inRepository: boolean;
  /** The key's fingerprint occurs in the HEAD version of the file. */
  keyInHead: boolean;
  /** The key's fingerprint occurs in the index version of the file. */
  keyInIndex: boolean;
  tracked: boolean;
  ignored: boolean;
}

export function classifyGitState(facts: GitFacts): GitState {
  if (!facts.inRepository) return 'none';
  // A force-added file matched by .gitignore is still committed: HEAD wins over ignore rules.
  if (facts.keyInHead) return 'committed';
  if (facts.keyInIndex) return 'staged';
  if (facts.tracked) return 'modified';
  if (facts.ignored) return 'ignored';
  return 'untracked';
}

export function severityOf(state: GitState): KeySeverity {
  switch (state) {
    case 'committed':
    case 'staged':
      return 'error';
    case 'ignored':
      return 'info';
    default:
      return 'warning';
  }
}

const severityRank: Record<KeySeverity, number> = { info: 0, warning: 1, error: 2 };

/** True when `severity` is at or above `threshold`. */
export function meetsThreshold(severity: KeySeverity, threshold: KeySeverity): boolean {
  return severityRank[severity] >= severityRank[threshold];
}

/** One sentence for people, e.g. in a diagnostic: what the state means and what to do. */
export function describeGitState(state: GitState): string {
  switch (state) {
    case 'committed':
      return 'committed: rotate this key';
    case 'staged':
      return 'staged for commit: rotate this key (unstage alone does not help if it was ever pushed) and remove it';
    case 'modified':
      return 'in a tracked file: remove it before committing';
    case 'untracked':
      return 'in a file git would commit: remove it or ignore the file';
    case 'ignored':
      return 'in a file git ignores';
    case 'none':
      return 'hardcoded in a file';
  }
}

/** `.env`, `.env.local`, `prod.env`: files meant for secrets, which must never be committed. */
export function isEnvFile(fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return /^\.env(\..+)?$/i.test(base) || /\.env$/i.test(base);
}
