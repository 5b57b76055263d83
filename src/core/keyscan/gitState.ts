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
  /** The file is tracked; the key exists only in the working tree (the next `git commit -a` takes it). */
  | 'tracked'
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
  if (facts.tracked) return 'tracked';
  if (facts.ignored) return 'ignored';
  return 'untracked';
}

/**
 * How loud to be about a key in `file` (a path; only its name and folders matter). Committed, staged
 * and tracked keys are errors. A git-ignored file stays on this machine, so its key is information,
 * except in build output: a bundle under `dist/` gets deployed, key included.
 */
export function severityOf(state: GitState, file: string): KeySeverity {
  switch (state) {
    case 'committed':
    case 'staged':
    case 'tracked':
      return 'error';
    case 'ignored':
      return isBuildOutput(file) ? 'error' : 'info';
    default:
      return 'warning';
  }
}

/** An ignored `.env` file holding a key is good hygiene: the editor shows it as a hint, not a problem. */
export function isHygienicKeyFile(state: GitState, file: string): boolean {
  return state === 'ignored' && isEnvFile(file);
}

const buildFolders = new Set(['dist', 'build', 'out', 'bundle', 'bundles', 'release', '.next', '.nuxt', '.output', '.svelte-kit', '.vercel', '.netlify', '.parcel-cache', 'storybook-static']);

/** Build output that gets deployed: a file under a build folder, or a minified bundle anywhere. */
export function isBuildOutput(file: string): boolean {
  const segments = file.split(/[\\/]/);
  const name = segments.pop() ?? '';
  return segments.some((segment) => buildFolders.has(segment)) || /\.(?:min|bundle|chunk)\.[cm]?js$/i.test(name);
}

const severityRank: Record<KeySeverity, number> = { info: 0, warning: 1, error: 2 };

/** True when `severity` is at or above `threshold`. */
export function meetsThreshold(severity: KeySeverity, threshold: KeySeverity): boolean {
  return severityRank[severity] >= severityRank[threshold];
}

/** One sentence for people, e.g. in a diagnostic: what the state means and what to do. */
export function describeGitState(state: GitState, file = ''): string {
  if (state === 'ignored' && isBuildOutput(file)) return 'in build output git ignores, which gets deployed: remove it from the source and rotate it';
  switch (state) {
    case 'committed':
      return 'committed: rotate this key';
    case 'staged':
      return 'staged for commit: rotate this key (unstage alone does not help if it was ever pushed) and remove it';
    case 'tracked':
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
