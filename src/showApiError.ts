import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import type { ApiErrorAction, ApiErrorInfo } from './core/apiErrors';
import type { Log } from './core/log';

/** What showing an API error needs (`ctx` has both). */
export interface ApiErrorReporter {
  log: Log;
  /** The shared classification, with the configured server and the stored keys (`ctx.classifyApiError`). */
  classifyApiError(error: unknown): ApiErrorInfo;
}

/**
 * Classifies an error from an API call, logs it (scrubbed), and shows it as a notification whose button
 * runs the classified fix ("Set API Key" on a 401). Returns the classification at once; the
 * notification stays up on its own. Aborts (the user pressed Stop) are logged but not shown.
 */
export function showApiError(reporter: ApiErrorReporter, error: unknown, context: { what?: string } = {}): ApiErrorInfo {
  return showApiErrorInfo(reporter, reporter.classifyApiError(error), context);
}

/** `showApiError` for an error classified earlier. */
export function showApiErrorInfo({ log }: Pick<ApiErrorReporter, 'log'>, info: ApiErrorInfo, context: { what?: string } = {}): ApiErrorInfo {
  const what = context.what ? `${context.what}: ` : '';
  log.warn(`${what}${info.kind}${info.status ? ` ${info.status}` : ''}${info.requestId ? ` (${info.requestId})` : ''}: ${info.message}`);
  if (info.kind === 'aborted') return info;
  const text = `Claude API: ${what}${info.message}`;
  const buttons = info.action ? [info.action.label] : [];
  const shown = info.retryable ? vscode.window.showWarningMessage(text, ...buttons) : vscode.window.showErrorMessage(text, ...buttons);
  void Promise.resolve(shown).then(async (choice) => {
    if (choice && info.action) await runApiErrorAction(info.action);
  });
  return info;
}

/** Runs the fix an error offers; also usable from features with their own UI (the chat's error banner). */
export async function runApiErrorAction(action: ApiErrorAction): Promise<void> {
  switch (action.kind) {
    case 'setApiKey':
      await vscode.commands.executeCommand(CommandIds.setApiKey);
      return;
    case 'switchProfile':
      await vscode.commands.executeCommand(CommandIds.switchKeyProfile);
      return;
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', action.setting);
      return;
    case 'openUrl':
      await vscode.env.openExternal(vscode.Uri.parse(action.url));
      return;
  }
}
