import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { lookupModelPrice } from '../core/prices/lookup';
import type { ParsedOverrides } from '../core/prices/overrides';
import { parsePriceOverrides } from '../core/prices/overrides';
import type { ModelPrice } from '../core/prices/types';
import { privateFileMode } from '../core/privateFileModes';
import { recordsToCsv } from '../core/usage/csv';
import type { RateLimits } from '../core/usage/rateLimits';
import { RequestTracker } from '../core/usage/requestTracker';
import type { RequestUsage, RequestUsageSummary, UsageRecorder, UsageRequest } from '../core/usage/requestUsage';
import type { UsageRecord } from '../core/usage/usageRecord';
import { totalTokens } from '../core/tokenCounts';
import type { Totals, TotalsByModel } from '../core/usage/usageTotals';
import { dayKey, monthKey } from '../core/usage/periods';
import { addToTotalsByModel, inDay, inMonth, totalsByModel } from '../core/usage/usageTotals';
import type { Ctx } from '../ctx';
import { LedgerFile } from '../core/usage/ledgerFile';
import { errorMessage } from '../core/errorMessage';

/** Figures of requests still streaming, added to the recorded ones for the live display. */
export interface LiveFigures {
  costUsd: number;
  tokens: number;
  /** Requests in flight whose model has no known price. */
  unpriced: number;
  inFlight: number;
}

/**
 * The usage meter: every feature that calls the API reports through `beginRequest`; this service keeps
 * the session totals, appends each finished request to the ledger, fires `onDidRecordUsage` and
 * drives the status bar, usage view and budget warnings.
 */
export class UsageService implements UsageRecorder, vscode.Disposable {
  private readonly recorded = new vscode.EventEmitter<UsageRecord>();
  /** Fires once per finished request, after it is counted (the ledger line follows; see `flush`). */
  readonly onDidRecordUsage = this.recorded.event;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires on every change, streamed events included: listeners must throttle. */
  readonly onDidChange = this.changed.event;

  private session: TotalsByModel = totalsByModel([]);
  private sessionStartedAt = new Date();
  /** Every request in the ledger plus those recorded since; complete once `loaded` resolves. */
  private history: UsageRecord[] = [];
  private loaded: Promise<void> = Promise.resolve();
  private ledger: LedgerFile | undefined;
  private readonly inFlight = new Set<RequestTracker>();
  private readonly periodCache = new Map<'day' | 'month', { key: string; totals: Totals }>();
  /** Bumped when the history is replaced (ledger read), so cached period totals are recomputed. */
  private historyVersion = 0;
  private parsedOverrides: { raw: string; parsed: ParsedOverrides } | undefined;
  private reportedOverrideProblems = new Set<string>();
  lastRecord: UsageRecord | undefined;
  rateLimits: RateLimits | undefined;
  /** The active key profile's name, kept current so `beginRequest` (synchronous) can stamp it on records. */
  private profileName: string | undefined;

  constructor(private readonly ctx: Ctx) {}

  /** Opens the ledger (in the background: activation never waits for the disk). */
  start(): void {
    const folder = this.ctx.extension.globalStorageUri.fsPath;
    this.ledger = LedgerFile.inFolder(folder, (message) => this.ctx.log.error(message));
    this.loaded = this.loadLedger(this.ledger);
    this.ledger.holdAppendsUntil(this.loaded);
    void this.readProfileName();
    this.ctx.register(this.ctx.keys.onDidChange(() => void this.readProfileName()));
  }

  private async readProfileName(): Promise<void> {
    try {
      this.profileName = (await this.ctx.keys.activeProfile())?.name;
    } catch (error) {
      this.ctx.log.warn(`usage: active key profile unknown: ${errorMessage(error)}`);
    }
  }

  beginRequest(request: UsageRequest): RequestUsage {
    const stamped: UsageRequest = { ...request };
    const profile = request.profile ?? this.profileName;
    const folder = request.folder ?? windowFolder();
    if (profile) stamped.profile = profile;
    if (folder) stamped.folder = folder;
    const tracker: RequestTracker = new RequestTracker(stamped, {
      price: (modelId) => this.price(modelId),
      now: () => new Date(),
      onProgress: () => this.changed.fire(),
      onRateLimits: (limits) => {
        this.rateLimits = limits;
        this.changed.fire();
      },
      onEnd: (record) => {
        this.inFlight.delete(tracker);
        this.record(record);
      },
    });
    this.inFlight.add(tracker);
    return tracker;
  }

  /** The price of a model with the user's overrides applied (a bad override entry is reported once). */
  price(modelId: string): ModelPrice | undefined {
    return lookupModelPrice(modelId, this.overrides().overrides);
  }

  /** Recorded session totals per model. */
  get sessionTotals(): TotalsByModel {
    return this.session;
  }

  get sessionStarted(): Date {
    return this.sessionStartedAt;
  }

  /** What the requests in flight add right now (their live estimates). */
  live(): LiveFigures {
    const figures: LiveFigures = { costUsd: 0, tokens: 0, unpriced: 0, inFlight: this.inFlight.size };
    for (const tracker of this.inFlight) {
      const now: RequestUsageSummary = tracker.current();
      figures.tokens += totalTokens(now);
      if (now.costUsd === undefined) figures.unpriced += 1;
      else figures.costUsd += now.costUsd;
    }
    return figures;
  }

  today(now = new Date()): Totals {
    return this.periodTotals('day', dayKey(now), () => inDay(this.history, now));
  }

  month(now = new Date()): Totals {
    return this.periodTotals('month', monthKey(now), () => inMonth(this.history, now));
  }

  /** Today's and this month's totals of one key profile (for its own budgets). */
  profilePeriods(profile: string, now = new Date()): { today: Totals; month: Totals } {
    const month = inMonth(this.history, now).filter((record) => record.profile === profile);
    return { today: totalsByModel(inDay(month, now)).all, month: totalsByModel(month).all };
  }

  /** The status bar repaints up to ten times a second; scan the history only when it or the period changed. */
  private periodTotals(kind: 'day' | 'month', period: string, select: () => UsageRecord[]): Totals {
    const key = `${period}|${this.history.length}|${this.historyVersion}`;
    const cached = this.periodCache.get(kind);
    if (cached?.key === key) return cached.totals;
    const totals = totalsByModel(select()).all;
    this.periodCache.set(kind, { key, totals });
    return totals;
  }

  /**
   * Takes in the requests other VS Code windows added to the shared ledger since it was last read, so
   * today's and this month's totals (and the budgets) count every window's spend. Session totals stay
   * this window's own.
   */
  async refreshFromLedger(): Promise<void> {
    await this.loaded;
    const added = (await this.ledger?.readNew()) ?? [];
    if (added.length === 0) return;
    this.history.push(...added);
    this.historyVersion += 1;
    this.changed.fire();
  }

  /** Every recorded request (ledger and this session), once the ledger is read. */
  async allRecords(): Promise<readonly UsageRecord[]> {
    await this.loaded;
    return this.history;
  }

  resetSession(): void {
    this.session = totalsByModel([]);
    this.sessionStartedAt = new Date();
    this.lastRecord = undefined;
    this.changed.fire();
  }

  /** Resolves once the ledger is read and every line recorded so far is on disk. */
  async flush(): Promise<void> {
    await this.loaded;
    await this.ledger?.flush();
  }

  get ledgerPath(): string | undefined {
    return this.ledger?.filePath;
  }

  /** Writes the whole ledger as CSV to `target`; returns the number of rows. */
  async exportCsv(target: string): Promise<number> {
    const records = await this.allRecords();
    await fs.writeFile(target, recordsToCsv(records), { encoding: 'utf8', mode: privateFileMode });
    return records.length;
  }

  /**
   * The host is going away and awaits nothing after `deactivate()`: requests still streaming are recorded
   * now with their estimates (they were billed), and every line not yet written is written synchronously.
   */
  dispose(): void {
    for (const tracker of [...this.inFlight]) tracker.end('aborted');
    this.ledger?.flushSync();
    this.recorded.dispose();
    this.changed.dispose();
  }

  private record(record: UsageRecord): void {
    if (totalTokens(record) === 0 && record.webSearchRequests === 0 && record.webFetchRequests === 0) {
      // Nothing was billed (e.g. a 429 before any token): nothing to count or store.
      this.changed.fire();
      return;
    }
    addToTotalsByModel(this.session, record);
    this.history.push(record);
    this.lastRecord = record;
    // Queued at once (the ledger holds it until its first read is done), so shutdown can still write it.
    void this.ledger?.append(record);
    this.recorded.fire(record);
    this.changed.fire();
  }

  private async loadLedger(ledger: LedgerFile): Promise<void> {
    try {
      const { records, damagedLines } = await ledger.read();
      this.history = [...records, ...this.history];
      this.historyVersion += 1;
      if (damagedLines.length > 0) {
        const shown = damagedLines.slice(0, 5).join(', ') + (damagedLines.length > 5 ? ', …' : '');
        const message = `Usage ledger: skipped ${damagedLines.length} damaged line(s) (line ${shown}); the other ${records.length} entries were kept.`;
        this.ctx.log.warn(`${message} File: ${ledger.filePath}`);
        void vscode.window.showWarningMessage(`Claude API: ${message}`);
      }
      this.ctx.log.info(`usage ledger: ${records.length} entries read from ${ledger.filePath}`);
    } catch (error) {
      this.ctx.log.error(`could not read the usage ledger ${ledger.filePath}: ${errorMessage(error)}`);
    }
    this.changed.fire();
  }

  private overrides(): ParsedOverrides {
    const value = this.ctx.config.priceOverrides;
    const raw = JSON.stringify(value) ?? '';
    if (this.parsedOverrides?.raw !== raw) {
      const parsed = parsePriceOverrides(value);
      this.parsedOverrides = { raw, parsed };
      for (const problem of parsed.problems) {
        if (this.reportedOverrideProblems.has(problem)) continue;
        this.reportedOverrideProblems.add(problem);
        this.ctx.log.warn(problem);
        void vscode.window.showWarningMessage(`Claude API: ${problem}`);
      }
    }
    return this.parsedOverrides.parsed;
  }
}

/** The window's workspace folder name (the workspace's name when it has several), for the usage split. */
function windowFolder(): string | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].name;
  return folders.length > 1 ? vscode.workspace.name : undefined;
}
