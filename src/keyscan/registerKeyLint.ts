import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { Ctx } from '../ctx';
import { GitFactsResolver } from './gitFacts';
import { KeyCodeActions } from './keyCodeActions';
import { registerKeyFixCommands } from './keyFixCommands';
import { KeyLinter } from './keyLinter';
import { installPreCommitHook } from './installHook';
import type { HookTarget } from './installHook';
import { scanWorkspace } from './scanWorkspace';

/** Hardcoded-key detection in the editor: live diagnostics, quick fixes, workspace and history scans. */
export function registerKeyLint(ctx: Ctx): void {
  const git = ctx.register(new GitFactsResolver(ctx.log));
  const linter = ctx.register(new KeyLinter(ctx, git));
  ctx.register(
    vscode.languages.registerCodeActionsProvider(
      [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-notebook-cell' }],
      new KeyCodeActions(linter),
      { providedCodeActionKinds: KeyCodeActions.kinds },
    ),
  );
  registerKeyFixCommands(ctx, linter, git);
  // The workspace scan's workers run the CLI's bundle, which ships in the extension.
  const scanWorker = path.join(ctx.extension.extensionPath, 'dist', 'cli', 'keyscan.js');
  ctx.registerCommand(CommandIds.scanWorkspace, (token?: unknown) => scanWorkspace(ctx, linter, scanWorker, isCancellationToken(token) ? token : undefined));
  ctx.registerCommand(CommandIds.scanGitHistory, async () => (await import('./scanGitHistory')).scanGitHistory(ctx, git));
  ctx.registerCommand(CommandIds.installPreCommitHook, (target?: HookTarget) => installPreCommitHook(ctx, git, target));
  linter.start();
}

/** A cancellation token passed to a command (any other argument is ignored). */
function isCancellationToken(value: unknown): value is vscode.CancellationToken {
  const candidate = value as Partial<vscode.CancellationToken> | undefined;
  return typeof candidate?.isCancellationRequested === 'boolean' && typeof candidate.onCancellationRequested === 'function';
}
