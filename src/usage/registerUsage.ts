import * as path from 'node:path';
import * as vscode from 'vscode';
import { honouredTargetPath } from '../core/callerAnswers';
import { CommandIds } from '../commandIds';
import type { Ctx } from '../ctx';
import { showApiError } from '../showApiError';
import { AdminKeyStore, setAdminKey } from './adminKey';
import { watchBudgets } from './budgetWarnings';
import { runReconciliation } from './reconciliation';
import type { StatusBarMode } from '../config';
import { statusBarModes } from '../config';
import { statusBarModeLabels, UsageStatusBar } from './statusBar';
import { UsagePanel } from './usagePanel';

/** What the usage feature exposes to the extension's exported API (and so to integration tests). */
export interface UsageHandle {
  statusBar: UsageStatusBar;
  panel: UsagePanel;
}

/** The usage meter's UI on `ctx.usage` (started by `activate()`): status bar, usage view, budgets and commands. */
export function registerUsage(ctx: Ctx): UsageHandle {
  const usage = ctx.usage;
  const statusBar = ctx.register(new UsageStatusBar(ctx));
  const panel = ctx.register(new UsagePanel(ctx));
  watchBudgets(ctx);
  // Other windows append to the same ledger: pick up their requests when this window comes back into focus.
  ctx.register(
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) void usage.refreshFromLedger();
    }),
  );

  ctx.registerCommand(CommandIds.usageShow, () => panel.show());
  ctx.registerCommand(CommandIds.usageResetSession, () => {
    usage.resetSession();
    ctx.log.info('usage session reset');
  });
  ctx.registerCommand(CommandIds.usageSwitchStatusBar, async (mode?: StatusBarMode) => {
    const chosen = mode && statusBarModes.includes(mode) ? mode : await pickMode(statusBar.mode);
    if (chosen) await statusBar.setMode(chosen);
    return chosen;
  });
  const adminKeys = new AdminKeyStore(ctx.extension.secrets);
  ctx.registerCommand(CommandIds.usageSetAdminKey, (key?: string) => setAdminKey(ctx, adminKeys, key));
  ctx.registerCommand(CommandIds.usageClearAdminKey, async () => {
    await adminKeys.clear();
    ctx.log.info('admin API key cleared');
  });
  // Returns the comparison (for tests and other commands) and shows it in the usage view.
  ctx.registerCommand(CommandIds.usageReconcile, async (days?: number) => {
    panel.show();
    try {
      const result = await runReconciliation(ctx, adminKeys, typeof days === 'number' ? days : undefined);
      if (result) await panel.postReconciliation({ type: 'reconciliation', data: result });
      return result;
    } catch (error) {
      const info = showApiError(ctx, error, { what: "comparing with Anthropic's usage report" });
      await panel.postReconciliation({ type: 'reconciliationFailed', message: info.message });
      return undefined;
    }
  });
  ctx.registerCommand(CommandIds.usageExportCsv, async (target?: string | vscode.Uri) => {
    const file = await csvTarget(honouredTargetPath(target, ctx.callerTrusted));
    if (!file) return undefined;
    const rows = await usage.exportCsv(file);
    ctx.log.info(`usage exported: ${rows} rows to ${file}`);
    if (target === undefined) void vscode.window.showInformationMessage(`Claude API: exported ${rows} usage rows to ${path.basename(file)}.`);
    return file;
  });
  return { statusBar, panel };
}

async function pickMode(current: StatusBarMode): Promise<StatusBarMode | undefined> {
  const picked = await vscode.window.showQuickPick(
    statusBarModes.map((mode) => ({ label: statusBarModeLabels[mode], description: mode === current ? 'current' : undefined, mode })),
    { title: 'Claude API: what the usage status bar item shows' },
  );
  return picked?.mode;
}

/** A path given by our tests, or one chosen in a save dialog. */
async function csvTarget(target: string | vscode.Uri | undefined): Promise<string | undefined> {
  if (typeof target === 'string' && target.trim() !== '') return target;
  if (target instanceof vscode.Uri) return target.fsPath;
  const today = new Date().toISOString().slice(0, 10);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    title: 'Export Claude API usage as CSV',
    filters: { CSV: ['csv'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `claude-usage-${today}.csv`) } : {}),
  });
  return uri?.fsPath;
}
