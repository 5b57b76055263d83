import * as vscode from 'vscode';
import { formatCost, formatTokens, formatUsd } from '../core/figures';
import { Throttle } from '../core/usage/throttle';
import { usageTooltipMarkdown } from '../core/usage/usageTooltip';
import { totalTokens } from '../core/tokenCounts';
import type { Totals } from '../core/usage/usageTotals';
import { usageItemVisible } from '../core/usage/usageItemVisibility';
import { CommandIds } from '../commandIds';
import type { StatusBarMode } from '../config';
import { Config, configSection } from '../config';
import type { UsageService } from '../core/usage/usageService';
import type { Ctx } from '../ctx';

/** At most ten repaints a second while a reply streams. */
const minRepaintMs = 100;

export const statusBarModeLabels: Record<StatusBarMode, string> = {
  session: 'Session cost and tokens',
  today: "Today's cost and tokens",
  month: "This month's cost and tokens",
  lastRequest: 'Last request',
};

/**
 * The usage status bar item: live cost and tokens, a rich tooltip, click opens the usage view. The one
 * item a window shows by default, and only once it has something to say (`claudeApi.statusBar.show`).
 */
export class UsageStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly repaint = new Throttle(() => this.paintNow(), minRepaintMs);
  private disposed = false;
  private hasKey = false;

  private readonly usage: UsageService;

  constructor(private readonly ctx: Ctx) {
    const usage = (this.usage = ctx.usage);
    this.item = vscode.window.createStatusBarItem('claudeApi.usage', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Claude API Usage';
    this.item.command = CommandIds.usageShow;
    ctx.register(usage.onDidChange(() => this.repaint.request()));
    ctx.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (Config.changed(event, 'statusBar')) this.paint();
      }),
    );
    const readKey = async () => {
      this.hasKey = Boolean(await ctx.keys.activeProfile().catch(() => undefined));
      this.paint();
    };
    ctx.register(ctx.keys.onDidChange(() => void readKey()));
    void readKey();
    this.paint();
  }

  get mode(): StatusBarMode {
    return this.ctx.config.statusBarMode;
  }

  /** Sets `claudeApi.statusBar.mode` in the user settings (the item repaints on the change). */
  async setMode(mode: StatusBarMode): Promise<void> {
    await vscode.workspace.getConfiguration(configSection).update('statusBar.mode', mode, vscode.ConfigurationTarget.Global);
    this.paint();
  }

  /** Whether the item is shown now (read by integration tests through the exported API). */
  get visible(): boolean {
    return this.shown;
  }
  private shown = false;

  /** The item's current text (read by integration tests through the exported API). */
  get text(): string {
    return this.item.text;
  }

  /** Repaints now and cancels any pending throttled repaint. */
  paint(): void {
    this.repaint.runNow();
  }

  private paintNow(): void {
    if (this.disposed) return;
    this.item.text = this.render();
    this.item.accessibilityInformation = { label: `Claude API usage, ${statusBarModeLabels[this.mode]}: ${spokenFigure(this.item.text)}. Opens the usage view.` };
    const tooltip = new vscode.MarkdownString(
      usageTooltipMarkdown({
        session: this.usage.sessionTotals,
        sessionStarted: this.usage.sessionStarted,
        today: this.usage.today(),
        month: this.usage.month(),
        lastRequest: this.usage.lastRecord,
        rateLimits: this.usage.rateLimits,
        inFlight: this.usage.live().inFlight,
      }),
    );
    tooltip.supportHtml = true; // only for <br> inside table cells; every outside string is escaped
    this.item.tooltip = tooltip;
    this.shown = usageItemVisible({
      show: this.ctx.config.statusBarShow,
      hasKey: this.hasKey,
      requestsThisMonth: this.usage.month().requests,
      inFlight: this.usage.live().inFlight,
    });
    if (this.shown) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.disposed = true;
    this.repaint.cancel();
    this.item.dispose();
  }

  private render(): string {
    const live = this.usage.live();
    const approx = live.inFlight > 0 ? '≈' : '';
    const figure = (label: string, totals: Totals, withLive: boolean) => {
      const cost = formatCost(
        {
          costUsd: totals.costUsd + (withLive ? live.costUsd : 0),
          requests: totals.requests + (withLive ? live.inFlight : 0),
          unpricedRequests: totals.unpricedRequests + (withLive ? live.unpriced : 0),
          approximate: withLive && approx !== '',
        },
        { short: true },
      );
      const tokens = totalTokens(totals) + (withLive ? live.tokens : 0);
      return `${label}${cost} · ${formatTokens(tokens)} tok`;
    };
    switch (this.mode) {
      case 'session':
        return figure('', this.usage.sessionTotals.all, true);
      case 'today':
        return figure('Today ', this.usage.today(), true);
      case 'month':
        return figure('Month ', this.usage.month(), true);
      case 'lastRequest': {
        const last = this.usage.lastRecord;
        if (!last) return 'Last: no request';
        const cost = last.costUsd === null ? 'price unknown' : `${last.approximate ? '≈' : ''}${formatUsd(last.costUsd)}`;
        return `Last ${cost} · ${formatTokens(totalTokens(last))} tok`;
      }
    }
  }
}

/** The item's text as a screen reader should say it (`≈$0.42 · 118k tok` → `about $0.42, 118k tokens`). */
function spokenFigure(text: string): string {
  return text.replace(/≈/g, 'about ').replace(/\+\?/g, ' plus unpriced requests').replace(/ · /g, ', ').replace(/ tok$/, ' tokens');
}
