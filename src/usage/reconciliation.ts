import * as vscode from 'vscode';
import type { BaseUrl } from '../core/baseUrl';
import { checkBaseUrl, isLoopback } from '../core/baseUrl';
import { fetchOrganizationReport } from '../core/usage/organizationReport';
import type { Reconciliation } from '../core/usage/reconcile';
import { reconcile, reportRange } from '../core/usage/reconcile';
import { CommandIds } from '../commandIds';
import type { Ctx } from '../ctx';
import type { AdminKeyStore } from './adminKey';

/** Days compared by default: the report must be within the last 365 days; a week reads at a glance. */
export const defaultReconcileDays = 7;

/**
 * Fetches Anthropic's usage and cost report with the Admin API key and lines it up with the ledger. Without
 * an admin key it says how to set one and returns undefined.
 */
export async function runReconciliation(ctx: Ctx, adminKeys: AdminKeyStore, days = defaultReconcileDays): Promise<Reconciliation | undefined> {
  const key = await adminKeys.get();
  if (!key) {
    const choice = await vscode.window.showInformationMessage(
      "Claude API: comparing with Anthropic's usage report needs an Admin API key (sk-ant-admin01-…).",
      'Store Admin Key',
    );
    if (choice) await vscode.commands.executeCommand(CommandIds.usageSetAdminKey);
    return undefined;
  }
  if (!(await adminKeyMayGoTo(ctx.config.baseUrl))) return undefined;
  const range = reportRange(new Date(), Math.max(1, Math.min(31, Math.round(days))));
  const client = await ctx.client.forKey(key, { remember: false });
  const report = await fetchOrganizationReport(client, range, AbortSignal.timeout(60_000));
  const result = reconcile(await ctx.usage.allRecords(), report, range.days);
  ctx.log.info(`usage reconciled with Anthropic's report: ${result.rows.length} day/model rows, ${range.days[0]} to ${range.days.at(-1)}`);
  return result;
}

/**
 * The Admin key can read and change the whole organisation: it goes to a gateway or proxy set in
 * `claudeApi.baseUrl` only when the user says so (a loopback address is this machine's own).
 */
async function adminKeyMayGoTo(setting: string): Promise<boolean> {
  let baseUrl: BaseUrl;
  try {
    baseUrl = checkBaseUrl(setting);
  } catch {
    return true; // the client reports an unusable base URL itself
  }
  if (baseUrl.isDefault || isLoopback(baseUrl)) return true;
  const host = baseUrl.hostname;
  const send = 'Send Admin Key There';
  const choice = await vscode.window.showWarningMessage(
    `Claude API: claudeApi.baseUrl points at ${host}. Send your organisation's Admin API key there to fetch the usage report?`,
    { modal: true },
    send,
  );
  return choice === send;
}
