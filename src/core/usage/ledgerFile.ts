import * as fs from 'node:fs';
import * as path from 'node:path';
import { privateDirMode, privateFileMode } from '../privateFileModes';
import type { ParsedLedger } from './ledgerFormat';
import { parseLedger, serializeRecord } from './ledgerFormat';
import type { UsageRecord } from './usageRecord';
import { errorMessage } from '../errorMessage';

/** File name of the ledger inside the extension's global storage folder. */
export const ledgerFileName = 'usage-ledger.jsonl';

/** A line waiting to be written: the async queue and `flushSync` each take it at most once. */
interface PendingLine {
  text: string;
  state: 'pending' | 'writing' | 'done';
}

/**
 * The usage ledger on disk: JSON lines appended one per request. Appends are queued so lines never
 * interleave; a write failure is reported to `onError` and the next append still runs. Reads of other
 * windows' lines are queued too, so two of them never start from the same offset.
 */
export class LedgerFile {
  private queue: Promise<void> = Promise.resolve();
  private readQueue: Promise<unknown> = Promise.resolve();
  private readonly pending: PendingLine[] = [];
  /** Bytes of the file already read: other windows append after it. */
  private readOffset = 0;
  /** Lines this window appended that `readNew` has not met yet (they are in memory already). */
  private readonly ownLines = new Map<string, number>();

  constructor(
    readonly filePath: string,
    private readonly onError: (message: string) => void,
  ) {}

  static inFolder(folder: string, onError: (message: string) => void): LedgerFile {
    return new LedgerFile(path.join(folder, ledgerFileName), onError);
  }

  /** Reads the whole ledger; a missing file is an empty ledger. */
  async read(): Promise<ParsedLedger> {
    try {
      const content = await fs.promises.readFile(this.filePath);
      this.readOffset = content.length;
      return parseLedger(content.toString('utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], damagedLines: [] };
      throw error;
    }
  }

  /**
   * Records other windows appended since the last read: every window shares the one ledger, so today's and
   * this month's totals (and the budgets) must include their requests. Lines this window wrote are skipped.
   * Calls run one after another: two reads from one offset would count the same lines twice.
   */
  readNew(): Promise<UsageRecord[]> {
    const next = this.readQueue.then(() => this.readNewNow());
    this.readQueue = next.catch(() => undefined);
    return next;
  }

  private async readNewNow(): Promise<UsageRecord[]> {
    let handle: fs.promises.FileHandle | undefined;
    try {
      handle = await fs.promises.open(this.filePath, 'r');
      const { size } = await handle.stat();
      if (size < this.readOffset) this.readOffset = size; // replaced or truncated by hand: start over from here
      if (size === this.readOffset) return [];
      const buffer = Buffer.alloc(size - this.readOffset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.readOffset);
      // Only whole lines: a line still being written is read next time.
      const end = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
      this.readOffset += end;
      const foreign = buffer
        .subarray(0, end)
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !this.takeOwnLine(`${line}\n`));
      return parseLedger(foreign.join('\n')).records;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.onError(`could not read the usage ledger ${this.filePath}: ${errorMessage(error)}`);
      return [];
    } finally {
      await handle?.close();
    }
  }

  private takeOwnLine(line: string): boolean {
    const count = this.ownLines.get(line);
    if (!count) return false;
    if (count === 1) this.ownLines.delete(line);
    else this.ownLines.set(line, count - 1);
    return true;
  }

  append(record: UsageRecord): Promise<void> {
    const line: PendingLine = { text: serializeRecord(record), state: 'pending' };
    this.ownLines.set(line.text, (this.ownLines.get(line.text) ?? 0) + 1);
    this.pending.push(line);
    this.queue = this.queue.then(async () => {
      if (line.state !== 'pending') return; // written by flushSync meanwhile
      line.state = 'writing';
      try {
        await fs.promises.mkdir(path.dirname(this.filePath), { recursive: true, mode: privateDirMode });
        // Checked before every append: another window that crashed mid-write leaves a torn last line.
        const prefix = this.needsNewlineSync() ? '\n' : '';
        await fs.promises.appendFile(this.filePath, prefix + line.text, { encoding: 'utf8', mode: privateFileMode });
      } catch (error) {
        this.onError(`could not append to the usage ledger ${this.filePath}: ${errorMessage(error)}`);
      } finally {
        this.settle(line);
      }
    });
    return this.queue;
  }

  /**
   * Writes every line not yet started, synchronously: for shutdown, when the extension host does not wait
   * for promises after `deactivate()` returns.
   */
  flushSync(): void {
    for (const line of this.pending.filter((entry) => entry.state === 'pending')) {
      line.state = 'writing';
      try {
        fs.mkdirSync(path.dirname(this.filePath), { recursive: true, mode: privateDirMode });
        fs.appendFileSync(this.filePath, (this.needsNewlineSync() ? '\n' : '') + line.text, { encoding: 'utf8', mode: privateFileMode });
      } catch (error) {
        this.onError(`could not append to the usage ledger ${this.filePath}: ${errorMessage(error)}`);
      } finally {
        this.settle(line);
      }
    }
  }

  private settle(line: PendingLine): void {
    line.state = 'done';
    const index = this.pending.indexOf(line);
    if (index >= 0) this.pending.splice(index, 1);
  }

  /** Appends queued from now on wait for `ready` (the first read), so a new line is never read back in twice. */
  holdAppendsUntil(ready: Promise<unknown>): void {
    this.queue = this.queue.then(() => ready).then(
      () => undefined,
      () => undefined,
    );
  }

  /** Resolves when every append queued so far has been written. */
  flush(): Promise<void> {
    return this.queue;
  }

  /**
   * A torn last line (a crash mid-write, in any window) must not swallow the next record: start it on a
   * fresh line. Synchronous (one byte) so the shutdown path can use it too.
   */
  private needsNewlineSync(): boolean {
    let fd: number | undefined;
    try {
      fd = fs.openSync(this.filePath, 'r');
      const { size } = fs.fstatSync(fd);
      if (size === 0) return false;
      const buffer = Buffer.alloc(1);
      fs.readSync(fd, buffer, 0, 1, size - 1);
      return buffer[0] !== 0x0a;
    } catch {
      return false;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
}

