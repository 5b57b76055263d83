/**
 * Options for every git command the key scanner runs in a repository it did not write: the
 * repository's own config must not start programs. `core.fsmonitor` names a program git runs on
 * status-like commands; history is read with `--no-textconv` and `--no-ext-diff` (`historyLogArgs` in history.ts).
 */
export const safeGitOptions: readonly string[] = ['-c', 'core.fsmonitor=false', '-c', 'core.quotepath=off'];
