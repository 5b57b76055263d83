import * as vscode from 'vscode';

// The slice of the built-in git extension's API (extensions/git/src/api/git.d.ts, version 1) we use.

/** Values of the git extension's `Status` enum that matter here. */
export const GitStatus = { INDEX_ADDED: 1, UNTRACKED: 7, IGNORED: 8, INTENT_TO_ADD: 9 } as const;

export interface GitChange {
  readonly uri: vscode.Uri;
  readonly status: number;
}

export interface GitRepositoryState {
  readonly HEAD: { readonly commit?: string } | undefined;
  readonly indexChanges: readonly GitChange[];
  readonly workingTreeChanges: readonly GitChange[];
  /** Present when `git.untrackedChanges` is `separate`. */
  readonly untrackedChanges?: readonly GitChange[];
  readonly onDidChange: vscode.Event<void>;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: GitRepositoryState;
  /** `git show <ref>:<path>`; `ref` '' reads the index. Rejects when the file is not there. */
  show(ref: string, path: string): Promise<string>;
}

export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  getRepository(uri: vscode.Uri): GitRepository | null;
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/**
 * The git API once the built-in git extension is active and has looked for repositories, or
 * undefined when git is disabled or missing (then every key is judged as outside a repository).
 */
export async function loadGitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (!exports.enabled) return undefined;
  const api = exports.getAPI(1);
  if (api.state !== 'initialized') {
    await new Promise<void>((resolve) => {
      const subscription = api.onDidChangeState((state) => {
        if (state === 'initialized') {
          subscription.dispose();
          resolve();
        }
      });
    });
  }
  return api;
}
