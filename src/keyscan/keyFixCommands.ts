import * as path from 'node:path';
import * as vscode from 'vscode';
import { envReferenceEdits } from '../core/keyscan/envReference';
import type { OffsetEdit } from '../core/keyscan/envReference';
import { isEnvFile } from '../core/keyscan/gitState';
import { scanText } from '../core/keyscan/scanText';
import type { Ctx } from '../ctx';
import type { GitFactsResolver } from './gitFacts';
import { fileUriOf } from './gitFacts';
import { toWorkspaceEdit } from './keyCodeActions';
import { consoleKeysUrl } from './keyDiagnostics';
import type { KeyLinter } from './keyLinter';
import { LintCommandIds } from './lintCommandIds';

/** The commands behind the quick fixes that need more than a text edit. */
export function registerKeyFixCommands(ctx: Ctx, linter: KeyLinter, git: GitFactsResolver): void {
  ctx.registerCommand(LintCommandIds.moveToKeyProfile, (uri: string, fingerprint: string, profileName?: string) =>
    moveToKeyProfile(ctx, linter, vscode.Uri.parse(uri), fingerprint, profileName),
  );
  ctx.registerCommand(LintCommandIds.addToGitignore, (uri: string) => addToGitignore(ctx, linter, git, vscode.Uri.parse(uri)));
}

/**
 * Stores the key as a key profile (SecretStorage, via the key store) and then removes it from the
 * document: replaced by the environment variable reference, or emptied in a .env file. The key is
 * read from the document at this moment, never from an argument, so it never travels through commands.
 * Resolves to the profile name, or undefined when the user cancelled.
 */
async function moveToKeyProfile(ctx: Ctx, linter: KeyLinter, uri: vscode.Uri, fingerprint: string, profileName?: string): Promise<string | undefined> {
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  const finding = scanText(text).find((candidate) => candidate.fingerprint === fingerprint);
  if (!finding) throw new Error('The key is no longer in this document.');
  const edits: OffsetEdit[] | undefined =
    envReferenceEdits(document.languageId, text, finding) ??
    (isEnvFile(uri.path) && finding.encoding === 'plain' ? [{ start: finding.start, end: finding.end, newText: '' }] : undefined);
  if (!edits) throw new Error('There is no safe replacement for the key here; move it by hand.');

  const name =
    profileName ??
    (await vscode.window.showInputBox({
      title: 'Move the key into a key profile',
      prompt: `A name for the key ${finding.redacted}, e.g. "dev" or "prod"`,
      value: suggestProfileName(uri),
      ignoreFocusOut: true,
    }));
  if (!name) return undefined;
  await ctx.keys.addProfile(name, finding.revealKey());
  const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(document, edits));
  if (!applied) throw new Error(`The key was stored as profile "${name}", but the document could not be changed; remove the key by hand.`);
  ctx.log.info(`key ${finding.redacted} moved from ${path.basename(uri.fsPath)} into key profile "${name}"`);
  const committed = linter.lintedFile(uri)?.findings.some(({ finding: f, state }) => f.fingerprint === fingerprint && (state === 'committed' || state === 'staged'));
  if (committed) {
    void vscode.window
      .showWarningMessage(`Stored as key profile "${name}". The key was committed, so anyone with the repository has it: rotate it.`, 'Open Console')
      .then((choice) => (choice ? vscode.env.openExternal(vscode.Uri.parse(consoleKeysUrl)) : undefined));
  } else {
    void vscode.window.showInformationMessage(`Stored as key profile "${name}" and removed from ${path.basename(uri.fsPath)}.`);
  }
  return name;
}

function suggestProfileName(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri)?.name ?? 'project';
  return folder.replace(/[^\w.-]+/g, '-').slice(0, 40) || 'project';
}

/**
 * Appends the file (anchored to the repository root) to the root `.gitignore`, creating it if
 * needed. A tracked file stays tracked: the user is told how to stop tracking it.
 */
async function addToGitignore(ctx: Ctx, linter: KeyLinter, git: GitFactsResolver, uri: vscode.Uri): Promise<string | undefined> {
  const fileUri = fileUriOf(uri);
  const repository = fileUri && (await git.repositoryFor(fileUri));
  if (!fileUri || !repository) throw new Error('This file is not in a git repository.');
  const relative = path.relative(repository.rootUri.fsPath, fileUri.fsPath).split(path.sep).join('/');
  const entry = `/${relative.replace(/([*?[\]!#\\])/g, '\\$1')}`;
  const gitignore = vscode.Uri.joinPath(repository.rootUri, '.gitignore');
  let current = '';
  try {
    current = new TextDecoder().decode(await vscode.workspace.fs.readFile(gitignore));
  } catch {
    // No .gitignore yet: create it.
  }
  if (!current.split(/\r?\n/).includes(entry)) {
    const separator = current === '' || current.endsWith('\n') ? '' : '\n';
    await vscode.workspace.fs.writeFile(gitignore, new TextEncoder().encode(`${current}${separator}${entry}\n`));
    ctx.log.info(`added ${entry} to ${gitignore.fsPath}`);
  }
  const facts = await git.forDocument(fileUri);
  if (facts.tracked) {
    void vscode.window.showWarningMessage(
      `${relative} is in .gitignore now, but git still tracks it. Run \`git rm --cached ${relative}\` to stop tracking it, and rotate any key it ever held.`,
    );
  }
  // Do not wait for the git extension to notice the new rule before re-judging.
  git.forget(uri);
  linter.relintOpen();
  return entry;
}
