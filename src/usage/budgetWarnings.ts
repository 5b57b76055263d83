import * as vscode from 'vscode';
import { budgetMessage, dueBudgetWarnings } from '../core/usage/budget';
import type { BudgetCheck, BudgetWarning } from '../core/usage/budget';
import { dayKey, monthKey } from '../core/usage/periods';
import { CommandIds } from '../commandIds';
import type { Ctx } from '../ctx';
import { errorMessage } from '../core/errorMessage';

/** globalState key of the warnings already shown (so each shows once per period, across restarts). */
const shownKey = 'claudeApi.usage.budgetWarningsShown';

/** Warns at 80 % and 100 % of `claudeApi.budget.daily` / `monthly` after each recorded request. */
export function watchBudgets(ctx: Ctx): void {
  ctx.register(
    ctx.usage.onDidRecordUsage(() => {
      checkBudgets(ctx).catch((error: unknown) => ctx.log.warn(`budget check failed: ${errorMessage(error)}`));
    }),
  );
}

export async function checkBudgets(ctx: Ctx, now = new Date()): Promise<BudgetWarning[]> {
  const usage = ctx.usage;
  const daily = ctx.config.dailyBudgetUsd;
  const monthly = ctx.config.monthlyBudgetUsd;
  const perProfile = ctx.config.profileBudgets;
  if (daily <= 0 && monthly <= 0 && perProfile.size === 0) return [];
  // Today's and this month's spend need the whole ledger, other windows' latest requests included.
  await usage.refreshFromLedger();
  const day = dayKey(now);
  const month = monthKey(now);
  const state = ctx.extension.globalState;
  // Keep only the current periods' keys: older ones can never match again.
  const shown = new Set(state.get<string[]>(shownKey, []).filter((key) => key.includes(`:${day}:`) || key.includes(`:${month}:`)));
  const checks: BudgetCheck[] = [
    { period: 'daily', periodKey: day, spentUsd: usage.today(now).costUsd, budgetUsd: daily, unpricedRequests: usage.today(now).unpricedRequests },
    { period: 'monthly', periodKey: month, spentUsd: usage.month(now).costUsd, budgetUsd: monthly, unpricedRequests: usage.month(now).unpricedRequests },
  ];
  for (const [profile, budget] of perProfile) {
    const spent = usage.profilePeriods(profile, now);
    checks.push(
      { period: 'daily', profile, periodKey: day, spentUsd: spent.today.costUsd, budgetUsd: budget.dailyUsd, unpricedRequests: spent.today.unpricedRequests },
      { period: 'monthly', profile, periodKey: month, spentUsd: spent.month.costUsd, budgetUsd: budget.monthlyUsd, unpricedRequests: spent.month.unpricedRequests },
    );
  }
  const { show, markShown } = dueBudgetWarnings(checks, shown);
  if (markShown.length === 0) return [];
  await state.update(shownKey, [...shown, ...markShown]);
  for (const warning of show) {
    const message = budgetMessage(warning);
    ctx.log.warn(message);
    void vscode.window.showWarningMessage(`Claude API: ${message}`, 'Show Usage').then((choice) => {
      if (choice) void vscode.commands.executeCommand(CommandIds.usageShow);
    });
  }
  return show;
}
