import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { privateDirMode, privateFileMode } from '../core/privateFileModes';
import type { ParsedLedger } from '../core/usage/ledgerFormat';
import { parseLedger, serializeRecord } from '../core/usage/ledgerFormat';
import type { UsageRecord } from '../core/usage/usageRecord';

/** File name of the ledger inside the extension's global storage folder. */
export const ledgerFileName = 'usage-ledger.jsonl';

/**
 * The usage ledger on disk: JSON lines appended one per request. Appends are queued so lines never
 * interleave; a write failure is reported to `onError` and the next append still runs.
 */
export class LedgerFile {
  private queue: Promise<void> = Promise.resolve();
  private tailChecked = false;
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
      const content = await fs.readFile(this.filePath);
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
   */
  async readNew(): Promise<UsageRecord[]> {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(this.filePath, 'r');
      const { size } = await handle.stat();
      if (size < this.readOffset) this.readOffset = size; // replaced or truncated by hand: start over from here
      if (size === this.readOffset) return [];
      const buffer = Buffer.alloc(size - this.readOffset);
      await handle.read(buffer, 0, buffer.length, this.readOffset);
      // Only whole lines: a line still being written is read next time.
      const end = buffer.lastIndexOf(0x0a) + 1;
      this.readOffset += end;
      const foreign = buffer
        .subarray(0, end)
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !this.takeOwnLine(`${line}\n`));
      return parseLedger(foreign.join('\n')).records;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.onError(`could not read the usage ledger ${this.filePath}: ${error instanceof Error ? error.message : String(error)}`);
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
    const line = serializeRecord(record);
    this.ownLines.set(line, (this.ownLines.get(line) ?? 0) + 1);
    this.queue = this.queue.then(async () => {
      try {
        await fs.mkdir(path.dirname(this.filePath), { recursive: true, mode: privateDirMode });
        // Only the first append can meet a torn line; ours always end with a newline.
        const prefix = !this.tailChecked && (await this.needsNewline()) ? '\n' : '';
        await fs.appendFile(this.filePath, prefix + line, { encoding: 'utf8', mode: privateFileMode });
        this.tailChecked = true;
      } catch (error) {
        this.onError(`could not append to the usage ledger ${this.filePath}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.queue;
  }

  /** Resolves when every append queued so far has been written. */
  flush(): Promise<void> {
    return this.queue;
  }

  /** A torn last line (crash mid-write) must not swallow the next record: start it on a fresh line. */
  private async needsNewline(): Promise<boolean> {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(this.filePath, 'r');
      const { size } = await handle.stat();
      if (size === 0) return false;
      const buffer = Buffer.alloc(1);
      await handle.read(buffer, 0, 1, size - 1);
      return buffer[0] !== 0x0a;
    } catch {
      return false;
    } finally {
      await handle?.close();
    }
  }
}
