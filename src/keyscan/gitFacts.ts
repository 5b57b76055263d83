import * as vscode from 'vscode';
import type { GitFacts } from '../core/keyscan/gitState';
import { scanText } from '../core/keyscan/scanText';
import { checkIgnore } from './checkIgnore';
import type { GitApi, GitRepository } from './gitApi';
import { GitStatus, loadGitApi } from './gitApi';
import { errorMessage } from '../core/errorMessage';

/** What git knows about one file; `factsFor(fingerprint)` says where one key stands. */
export interface FileGitFacts {
  repository: GitRepository | undefined;
  /** The file on disk this document belongs to (notebook cells map to their notebook). */
  fileUri: vscode.Uri | undefined;
  tracked: boolean;
  ignored: boolean;
  factsFor(fingerprint: string): GitFacts;
}

const outsideGit = (fileUri: vscode.Uri | undefined): FileGitFacts => ({
  repository: undefined,
  fileUri,
  tracked: false,
  ignored: false,
  factsFor: () => ({ inRepository: false, keyInHead: false, keyInIndex: false, tracked: false, ignored: false }),
});

/**
 * Git facts from the built-in git extension (repository, staged files, HEAD and index contents) plus
 * `git check-ignore` for ignore rules. HEAD contents are cached per commit; everything else is read
 * fresh, and `onDidChange` fires whenever any repository's state changes, so callers can re-judge.
 */
export class GitFactsResolver implements vscode.Disposable {
  private api: Promise<GitApi | undefined> | undefined;
  private readonly headKeys = new Map<string, Set<string>>();
  /**
   * Facts per file until some repository changes: typing in a document never asks git again, so a
   * large file costs only its scan per keystroke burst.
   */
  private readonly fileFacts = new Map<string, Promise<FileGitFacts>>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private readonly watched = new WeakSet<GitRepository>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Loaded on first use, never at activation: the git extension may still be starting. */
  gitApi(): Promise<GitApi | undefined> {
    this.api ??= loadGitApi().then(
      (api) => {
        if (api) {
          for (const repository of api.repositories) this.watch(repository);
          this.subscriptions.push(api.onDidOpenRepository((repository) => this.watch(repository)));
        }
        return api;
      },
      (error: unknown) => {
        this.log.warn(`key scan: git extension unavailable (${errorMessage(error)}); judging keys without git`);
        return undefined;
      },
    );
    return this.api;
  }

  private watch(repository: GitRepository): void {
    if (this.watched.has(repository)) return;
    this.watched.add(repository);
    this.subscriptions.push(
      repository.state.onDidChange(() => {
        this.fileFacts.clear();
        this.changed.fire();
      }),
    );
    this.fileFacts.clear();
    this.changed.fire();
  }

  async repositoryFor(uri: vscode.Uri): Promise<GitRepository | undefined> {
    const fileUri = fileUriOf(uri);
    if (!fileUri || !vscode.workspace.isTrusted) return undefined;
    const api = await this.gitApi();
    return api?.getRepository(fileUri) ?? undefined;
  }

  forDocument(uri: vscode.Uri): Promise<FileGitFacts> {
    const id = uri.toString();
    let facts = this.fileFacts.get(id);
    if (!facts) {
      facts = this.lookUp(uri);
      this.fileFacts.set(id, facts);
      // A failed look-up is not remembered.
      facts.catch(() => this.fileFacts.delete(id));
    }
    return facts;
  }

  /** Forgets everything known (the workspace was just trusted). */
  forgetAll(): void {
    this.fileFacts.clear();
  }

  /** Forgets what is known about one file (its .gitignore entry or index state was just changed by us). */
  forget(uri: vscode.Uri): void {
    this.fileFacts.delete(uri.toString());
  }

  private async lookUp(uri: vscode.Uri): Promise<FileGitFacts> {
    const fileUri = fileUriOf(uri);
    // Restricted Mode: git runs programs named in the repository's config, so it is not asked at all.
    if (!fileUri || !vscode.workspace.isTrusted) return outsideGit(fileUri);
    const repository = await this.repositoryFor(fileUri);
    if (!repository) return outsideGit(fileUri);
    const path = fileUri.fsPath;
    const head = await this.keysAtHead(repository, path);
    const staged = repository.state.indexChanges.some((change) => change.uri.fsPath === path);
    const index = staged ? await keysIn(repository, '', path) : head;
    const addedToIndex = repository.state.indexChanges.some(
      (change) => change.uri.fsPath === path && (change.status === GitStatus.INDEX_ADDED || change.status === GitStatus.INTENT_TO_ADD),
    );
    const tracked = head !== undefined || addedToIndex || (staged && index !== undefined);
    const ignored = !tracked && (await checkIgnore(repository.rootUri.fsPath, [path])).has(path);
    return {
      repository,
      fileUri,
      tracked,
      ignored,
      factsFor: (fingerprint) => ({
        inRepository: true,
        keyInHead: head?.has(fingerprint) ?? false,
        keyInIndex: index?.has(fingerprint) ?? false,
        tracked,
        ignored,
      }),
    };
  }

  /** Fingerprints of the keys in the file's HEAD version; undefined when HEAD has no such file. */
  private async keysAtHead(repository: GitRepository, path: string): Promise<Set<string> | undefined> {
    const commit = repository.state.HEAD?.commit;
    if (!commit) return keysIn(repository, 'HEAD', path);
    const cacheKey = `${commit}\0${path}`;
    if (this.headKeys.has(cacheKey)) return this.headKeys.get(cacheKey);
    const keys = await keysIn(repository, 'HEAD', path);
    if (this.headKeys.size > 500) this.headKeys.clear();
    if (keys) this.headKeys.set(cacheKey, keys);
    return keys;
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
  }
}

async function keysIn(repository: GitRepository, ref: string, path: string): Promise<Set<string> | undefined> {
  let text: string;
  try {
    text = await repository.show(ref, path);
  } catch {
    return undefined;
  }
  return new Set(scanText(text).map((finding) => finding.fingerprint));
}

/** The file a document stands for: itself for `file:` documents, the notebook for notebook cells. */
export function fileUriOf(uri: vscode.Uri): vscode.Uri | undefined {
  if (uri.scheme === 'file') return uri;
  if (uri.scheme === 'vscode-notebook-cell') return vscode.Uri.file(uri.fsPath);
  return undefined;
}
