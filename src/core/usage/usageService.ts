import * as fs from 'node:fs/promises';
import { errorMessage } from '../errorMessage';
import type { Disposable, Event } from '../events';
import { Emitter } from '../events';
import type { Log } from '../log';
import type { ModelPrice } from '../prices/types';
import { privateFileMode } from '../privateFileModes';
import { totalTokens } from '../tokenCounts';
import { recordsToCsv } from './csv';
import { LedgerFile } from './ledgerFile';
import { dayKey, monthKey } from './periods';
import type { RateLimits } from './rateLimits';
import { RequestTracker } from './requestTracker';
import type { RequestUsage, UsageRecorder, UsageRequest } from './requestUsage';
import type { UsageRecord } from './usageRecord';
import type { Totals, TotalsByModel } from './usageTotals';
import { addToTotalsByModel, inDay, inMonth, totalsByModel } from './usageTotals';

/** Figures of requests still streaming, added to the recorded ones for the live display. */
export interface LiveFigures {
  costUsd: number;
  tokens: number;
  /** Requests in flight whose model has no known price. */
  unpriced: number;
  inFlight: number;
}

/** What the usage service needs from the extension: narrow on purpose, so unit tests can give it all. */
export interface UsageServiceInputs {
  /** Folder the ledger lives in (the extension's global storage, shared by every window). */
  storageDir: string;
  log: Log;
  /** Prices with the user's overrides (`ctx.prices`). */
  prices: { price(modelId: string): ModelPrice | undefined };
  /** The key profiles (`ctx.keys`): the active profile's name is stamped on each record. */
  keys: { activeProfile(): Promise<{ name: string } | undefined>; readonly onDidChange: Event<void> };
  /** The window's workspace folder name (the workspace's name when it has several), stamped on each record. */
  folder(): string | undefined;
  /** Tells the user something went wrong that the log alone would hide (a damaged ledger). */
  warn(message: string): void;
}

/**
 * `ctx.usage`, the usage meter: every feature that calls the API reports through `beginRequest`; this
 * service keeps the session totals, appends each finished request to the ledger, fires `onDidRecordUsage`
 * and feeds the status bar, usage view and budget warnings. Nothing touches the disk until `start()`.
 */
export class UsageService implements UsageRecorder, Disposable {
  private readonly recorded: Emitter<UsageRecord>;
  /** Fires once per finished request, after it is counted (the ledger line follows; see `flush`). */
  readonly onDidRecordUsage: Event<UsageRecord>;
  private readonly changed: Emitter<void>;
  /** Fires on every change, streamed events included: listeners must throttle. */
  readonly onDidChange: Event<void>;

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
  lastRecord: UsageRecord | undefined;
  rateLimits: RateLimits | undefined;
  /** The active key profile's name, kept current so `beginRequest` (synchronous) can stamp it on records. */
  private profileName: string | undefined;
  private keysSubscription: Disposable | undefined;

  constructor(private readonly inputs: UsageServiceInputs) {
    const onListenerError = (error: unknown) => inputs.log.error(`usage: a listener failed: ${errorMessage(error)}`);
    this.recorded = new Emitter<UsageRecord>(onListenerError);
    this.onDidRecordUsage = this.recorded.event;
    this.changed = new Emitter<void>(onListenerError);
    this.onDidChange = this.changed.event;
  }

  /** Opens the ledger (in the background: activation never waits for the disk) and follows the active key profile. */
  start(): void {
    this.ledger = LedgerFile.inFolder(this.inputs.storageDir, (message) => this.inputs.log.error(message));
    this.loaded = this.loadLedger(this.ledger);
    this.ledger.holdAppendsUntil(this.loaded);
    void this.readProfileName();
    this.keysSubscription = this.inputs.keys.onDidChange(() => void this.readProfileName());
  }

  private async readProfileName(): Promise<void> {
    try {
      this.profileName = (await this.inputs.keys.activeProfile())?.name;
    } catch (error) {
      this.inputs.log.warn(`usage: active key profile unknown: ${errorMessage(error)}`);
    }
  }

  beginRequest(request: UsageRequest): RequestUsage {
    const stamped: UsageRequest = { ...request };
    const profile = request.profile ?? this.profileName;
    const folder = request.folder ?? this.inputs.folder();
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

  private price(modelId: string): ModelPrice | undefined {
    return this.inputs.prices.price(modelId);
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
      const now = tracker.current();
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
    this.keysSubscription?.dispose();
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
        this.inputs.log.warn(`${message} File: ${ledger.filePath}`);
        this.inputs.warn(message);
      }
      this.inputs.log.info(`usage ledger: ${records.length} entries read from ${ledger.filePath}`);
    } catch (error) {
      this.inputs.log.error(`could not read the usage ledger ${ledger.filePath}: ${errorMessage(error)}`);
    }
    this.changed.fire();
  }
}
