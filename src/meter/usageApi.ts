import type { RequestUsage } from '../core/usage/requestUsage';
import type { Ctx } from '../ctx';
import type { MeterHandle } from './registerMeter';

/** The usage part of the extension's exported API (`exports.usage`). */
export interface UsageApi {
  /** Report a Messages API request you stream yourself; same contract as the chat's (see `RequestUsage`). */
  beginRequest(request: { model: string; source: string }): RequestUsage;
  /** The usage status bar item's current text, e.g. `$0.42 · 118k tok`. */
  statusBarText(): string;
  /** Resolves once the ledger is read and every request recorded so far is written to it. */
  flush(): Promise<void>;
  /** Absolute path of the JSON-lines ledger in the extension's global storage. */
  readonly ledgerPath: string | undefined;
  /** Whether the usage view is open and its page has loaded. */
  usageViewReady(): boolean;
}

export function createUsageApi(ctx: Ctx, meter: MeterHandle): UsageApi {
  return {
    beginRequest: (request) => ctx.usage.beginRequest(request),
    statusBarText: () => meter.statusBar.text,
    flush: () => ctx.usage.flush(),
    get ledgerPath() {
      return ctx.usage.ledgerPath;
    },
    usageViewReady: () => meter.panel.isReady,
  };
}
