import type { RequestUsage, UsageRequest } from '../core/usage/requestUsage';
import type { Totals } from '../core/usage/usageTotals';
import type { Ctx } from '../ctx';
import type { UsageHandle } from './registerUsage';

/** The usage part of the extension's exported API (`exports.usage`). */
export interface UsageApi {
  /** Report a Messages API request you stream yourself; same contract as the chat's (see `RequestUsage`). */
  beginRequest(request: UsageRequest): RequestUsage;
  /** This session's recorded totals over all models (what the status bar shows, without its repaint delay). */
  sessionTotals(): Totals;
  /** The usage status bar item's current text, e.g. `$0.42 · 118k tok` (repainted at most every 100 ms). */
  statusBarText(): string;
  /** Whether the usage status bar item is shown (`claudeApi.statusBar.show`; `auto`: once a key is set or a request made). */
  statusBarVisible(): boolean;
  /** Resolves once the ledger is read and every request recorded so far is written to it. */
  flush(): Promise<void>;
  /** Absolute path of the JSON-lines ledger in the extension's global storage. */
  readonly ledgerPath: string | undefined;
  /** Whether the usage view is open and its page has loaded. */
  usageViewReady(): boolean;
}

export function createUsageApi(ctx: Ctx, usageUi: UsageHandle): UsageApi {
  return {
    beginRequest: (request) => ctx.usage.beginRequest(request),
    sessionTotals: () => ctx.usage.sessionTotals.all,
    statusBarText: () => usageUi.statusBar.text,
    statusBarVisible: () => usageUi.statusBar.visible,
    flush: () => ctx.usage.flush(),
    get ledgerPath() {
      return ctx.usage.ledgerPath;
    },
    usageViewReady: () => usageUi.panel.isReady,
  };
}
