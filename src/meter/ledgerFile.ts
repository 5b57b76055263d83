import * as fs from 'node:fs/promises';
import * as path from 'node:path';
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
      return parseLedger(await fs.readFile(this.filePath, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], damagedLines: [] };
      throw error;
    }
  }

  append(record: UsageRecord): Promise<void> {
    const line = serializeRecord(record);
    this.queue = this.queue.then(async () => {
      try {
        await fs.mkdir(path.dirname(this.filePath), { recursive: true });
        // Only the first append can meet a torn line; ours always end with a newline.
        const prefix = !this.tailChecked && (await this.needsNewline()) ? '\n' : '';
        await fs.appendFile(this.filePath, prefix + line, 'utf8');
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
