import * as vscode from 'vscode';
import { buildUsageViewData } from '../core/usage/usageViewData';
import type { UsagePageHandlers } from '../shared/usageProtocol';
import { parseFromUsagePage } from '../shared/usageProtocol';
import type { ToUsagePage } from '../shared/usageProtocol';
import { CommandIds } from '../commandIds';
import type { Ctx } from '../ctx';
import type { UsageService } from '../core/usage/usageService';
import { webviewPageHtml } from '../webviewPage';

/** The usage view: a webview panel with the 30-day chart, totals and CSV export. One at a time. */
export class UsagePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private pageReady = false;
  private lastComparison: Extract<ToUsagePage, { type: 'reconciliation' | 'reconciliationFailed' }> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private readonly usage: UsageService;

  constructor(private readonly ctx: Ctx) {
    this.usage = ctx.usage;
    this.disposables.push(this.usage.onDidRecordUsage(() => void this.post()));
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const extensionUri = this.ctx.extension.extensionUri;
    const roots = [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
    const panel = vscode.window.createWebviewPanel('claudeApi.usage', 'Claude API Usage', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: roots,
    });
    this.panel = panel;
    this.pageReady = false;
    panel.webview.html = this.html(panel.webview);
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.pageReady = false;
    });
    const handlers: UsagePageHandlers = {
      ready: () => {
        this.pageReady = true;
        void this.post();
      },
      reconcile: () => void vscode.commands.executeCommand(CommandIds.usageReconcile),
      exportCsv: () => void vscode.commands.executeCommand(CommandIds.usageExportCsv),
    };
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseFromUsagePage(raw);
      if (message) handlers[message.type]();
      else this.ctx.log.warn('usage view: ignored an unexpected message from the page');
    });
  }

  /** Whether the panel is open with its page loaded (for tests). */
  get isReady(): boolean {
    return this.panel !== undefined && this.pageReady;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  /** Shows the comparison with Anthropic's report (or why it failed) in the open view. */
  async postReconciliation(message: Extract<ToUsagePage, { type: 'reconciliation' | 'reconciliationFailed' }>): Promise<void> {
    this.lastComparison = message; // a page still loading gets it with its first data
    if (!this.panel || !this.pageReady) return;
    await this.panel.webview.postMessage(message);
  }

  private async post(): Promise<void> {
    if (!this.panel || !this.pageReady) return;
    const records = await this.usage.allRecords();
    const data = buildUsageViewData(records, this.usage.sessionTotals.all, {
      dailyUsd: this.ctx.config.dailyBudgetUsd,
      monthlyUsd: this.ctx.config.monthlyBudgetUsd,
      profiles: this.ctx.config.profileBudgets,
    });
    const message: ToUsagePage = { type: 'data', data };
    await this.panel?.webview.postMessage(message);
    if (this.lastComparison) await this.panel?.webview.postMessage(this.lastComparison);
  }

  private html(webview: vscode.Webview): string {
    const extensionUri = this.ctx.extension.extensionUri;
    return webviewPageHtml({
      webview,
      title: 'Claude API Usage',
      script: vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'usage.js'),
      stylesheet: vscode.Uri.joinPath(extensionUri, 'media', 'usage.css'),
      body: '<main id="app" aria-live="polite"><p class="muted">Loading usage…</p></main>',
    });
  }
}
