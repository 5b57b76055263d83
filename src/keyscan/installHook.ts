import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { hookSignature, preCommitHookScript } from '../core/keyscan/preCommitHook';
import { safeGitOptions } from '../core/keyscan/safeGit';
import type { Ctx } from '../ctx';
import type { GitFactsResolver } from './gitFacts';

const run = promisify(execFile);

/** Where the hook goes: this clone's hooks folder, or a committed `.githooks/` the whole team points git at. */
export type HookTarget = 'clone' | 'team';

/** The folder committed for the whole team (each clone runs `git config core.hooksPath .githooks` once). */
const teamHooksFolder = '.githooks';

/**
 * "Claude API: Install Pre-commit Hook": writes a hook that runs `claude-keyscan --staged` from the
 * newest installed copy of the extension (see core/keyscan/preCommitHook). Resolves to the hook's path,
 * or undefined when the user cancelled. `target` skips the question (tests, keybindings).
 */
export async function installPreCommitHook(ctx: Ctx, git: GitFactsResolver, target?: HookTarget): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) throw new Error('Installing a git hook needs a trusted folder (Restricted Mode is on).');
  const repositories = (await git.gitApi())?.repositories ?? [];
  if (repositories.length === 0) throw new Error('No git repository is open in this workspace.');
  const repository =
    repositories.length === 1
      ? repositories[0]
      : (await vscode.window.showQuickPick(repositories.map((r) => ({ label: path.basename(r.rootUri.fsPath), description: r.rootUri.fsPath, r })), { title: 'Install the pre-commit hook in which repository?' }))?.r;
  if (!repository) return undefined;
  const root = repository.rootUri.fsPath;
  const gitOut = async (...args: string[]) => (await run('git', [...safeGitOptions, ...args], { cwd: root })).stdout.trim();
  const configuredHooksPath = await gitOut('config', '--get', 'core.hooksPath').catch(() => '');

  const choice =
    target ??
    (configuredHooksPath
      ? 'clone'
      : (
          await vscode.window.showQuickPick(
            [
              { label: 'This clone', description: '.git/hooks/pre-commit', target: 'clone' as const },
              { label: 'The whole team', description: `${teamHooksFolder}/pre-commit, to commit; each clone runs: git config core.hooksPath ${teamHooksFolder}`, target: 'team' as const },
            ],
            { title: 'Install the claude-keyscan pre-commit hook for' },
          )
        )?.target);
  if (!choice) return undefined;

  let hooksFolder: string;
  if (choice === 'team' && !configuredHooksPath) {
    hooksFolder = path.join(root, teamHooksFolder);
  } else {
    // Honours core.hooksPath and worktrees.
    hooksFolder = path.resolve(root, await gitOut('rev-parse', '--git-path', 'hooks'));
  }
  const hook = path.join(hooksFolder, 'pre-commit');
  const existing = fs.existsSync(hook) ? fs.readFileSync(hook, 'utf8') : undefined;
  if (existing !== undefined && !existing.includes(hookSignature)) {
    const replace = target
      ? 'Replace'
      : await vscode.window.showWarningMessage(`${hook} already exists. Replace it (the old one is kept as pre-commit.before-claude-keyscan)?`, { modal: true }, 'Replace');
    if (replace !== 'Replace') return undefined;
    fs.renameSync(hook, `${hook}.before-claude-keyscan`);
  }
  fs.mkdirSync(hooksFolder, { recursive: true });
  fs.writeFileSync(hook, preCommitHookScript(), { mode: 0o755 });
  fs.chmodSync(hook, 0o755);
  if (choice === 'team' && !configuredHooksPath) await gitOut('config', 'core.hooksPath', teamHooksFolder);
  ctx.log.info(`pre-commit hook written to ${hook}`);
  const note = choice === 'team' ? ` Commit ${teamHooksFolder}/; teammates run \`git config core.hooksPath ${teamHooksFolder}\` once.` : '';
  void vscode.window.showInformationMessage(`Pre-commit hook installed: commits that add an Anthropic key are stopped.${note}`);
  return hook;
}
