import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { scanDiskFile } from './fileScan';
import type { JobResult, ScanJob } from './fileScan';
import { ReadBuffer } from './readCandidate';

/**
 * Reads and scans files on worker threads, fed while the files are still being listed. Workers start
 * once enough files are queued (below that, starting one costs more than it saves, and the files are
 * scanned on the calling thread in short slices); each asks for a small batch whenever it is idle, so a
 * few large files cannot leave one core idle while another works. The same pool serves `claude-keyscan`
 * and the editor's "Scan Workspace for Keys", with the CLI's bundle as the workers' script.
 */

/** Files queued before workers are worth starting. */
const filesBeforeWorkers = 48;
/** Most files handed to a worker at once. */
const maxBatch = 16;
/** Files the calling thread scans between two yields when it scans them itself. */
const sliceFiles = 16;

/** Marks the workers this pool starts, so a script run as a worker knows its job. */
const workerMark = 'claude-keyscan-scan-worker';

interface WorkerSetup {
  mark: typeof workerMark;
  maxBytes: number;
}

type ToWorker = { jobs: ScanJob[] } | { exit: true };
/** Results of one batch, in its order; clean files come back as `undefined` to keep messages small. */
type FromWorker = { ready: true } | { results: (Exclude<JobResult, { kind: 'clean' }> | undefined)[] };

export interface ScanPoolOptions {
  maxBytes: number;
  /** The script workers run (it must call `runAsScanWorker()` first); without one, every file is scanned on this thread. */
  workerScript?: string;
  /** Most worker threads (default: one per core, less one when this thread helps). */
  threads?: number;
  /**
   * This thread scans files too while the workers run (the CLI: a worker costs a thread start and its
   * own warm-up, and the main thread has little else to do). The editor keeps its thread free.
   */
  helpHere?: boolean;
  /** Called on this thread for every file, in no particular order. */
  onFile(job: ScanJob, result: JobResult): void;
}

interface PoolWorker {
  worker: Worker;
  /** The batch it is working on. */
  batch: ScanJob[] | undefined;
}

export class ScanPool {
  private readonly queue: ScanJob[] = [];
  private readonly workers: PoolWorker[] = [];
  private finishing = false;
  private cancelled = false;
  private failure: Error | undefined;
  private settle: (() => void) | undefined;
  private readonly into = new ReadBuffer();

  constructor(private readonly options: ScanPoolOptions) {}

  /**
   * Starts the workers now, before any file is queued: a worker takes tens of milliseconds to start,
   * which the caller can spend listing files (a folder scan almost always has files enough for them).
   */
  prestart(): void {
    if (this.workers.length === 0 && this.options.workerScript) this.startWorkers(this.options.workerScript);
  }

  /** Queues files; workers pick them up as they become free. */
  add(jobs: readonly ScanJob[]): void {
    for (const job of jobs) this.queue.push(job);
    if (this.workers.length === 0 && this.options.workerScript && this.queue.length >= filesBeforeWorkers) this.startWorkers(this.options.workerScript);
    for (const pool of this.workers) if (!pool.batch) this.feed(pool);
  }

  /** No more files: resolves once every queued file is scanned (or the pool was cancelled). */
  async finish(): Promise<void> {
    this.finishing = true;
    if (this.workers.length === 0) {
      await this.scanHere(sliceFiles);
    } else {
      const settled = new Promise<void>((resolve) => (this.settle = resolve));
      for (const pool of this.workers) if (!pool.batch) this.feed(pool);
      // One file at a time, so a worker asking for more waits no longer than that.
      if (this.options.helpHere) await this.scanHere(1);
      // The last batches may still be with the workers.
      for (const pool of this.workers) if (!pool.batch) this.feed(pool);
      await settled;
    }
    if (this.failure) throw this.failure;
  }

  /** Stops every worker; `finish()` resolves without the files not yet scanned. */
  cancel(): void {
    this.cancelled = true;
    this.queue.length = 0;
    for (const pool of this.workers.splice(0)) void pool.worker.terminate();
    this.settle?.();
  }

  private startWorkers(script: string): void {
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    const threads = Math.max(1, this.options.threads ?? (this.options.helpHere ? cores - 1 : cores));
    for (let i = 0; i < threads; i++) {
      const pool: PoolWorker = { worker: new Worker(script, { workerData: { mark: workerMark, maxBytes: this.options.maxBytes } satisfies WorkerSetup }), batch: undefined };
      pool.worker.on('message', (message: FromWorker) => this.received(pool, message));
      pool.worker.on('error', (error) => this.fail(error));
      pool.worker.on('exit', (code) => {
        if (code !== 0 && !this.cancelled && this.workers.includes(pool)) this.fail(new Error(`scan worker exited with ${code}`));
      });
      this.workers.push(pool);
    }
  }

  private received(pool: PoolWorker, message: FromWorker): void {
    if ('results' in message) {
      const batch = pool.batch ?? [];
      pool.batch = undefined;
      batch.forEach((job, i) => this.options.onFile(job, message.results[i] ?? { kind: 'clean' }));
    }
    this.feed(pool);
  }

  /** Hands an idle worker its next batch; settles the pool when nothing is left and every worker is idle. */
  private feed(pool: PoolWorker): void {
    if (pool.batch || this.cancelled) return;
    if (this.queue.length > 0) {
      // Smaller batches as the queue empties, so the last files spread over every worker.
      const size = Math.min(maxBatch, Math.max(1, Math.ceil(this.queue.length / (2 * this.workers.length))));
      pool.batch = this.queue.splice(0, size);
      pool.worker.postMessage({ jobs: pool.batch } satisfies ToWorker);
      return;
    }
    if (this.finishing && this.workers.every((other) => !other.batch)) {
      for (const other of this.workers.splice(0)) {
        // The process need not wait for a worker to wind down once its work is in.
        other.worker.unref();
        other.worker.postMessage({ exit: true } satisfies ToWorker);
      }
      this.settle?.();
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.cancel();
  }

  /** Scans the queue on this thread, `slice` files at a time, yielding to the event loop between slices. */
  private async scanHere(slice: number): Promise<void> {
    while (this.queue.length > 0 && !this.cancelled) {
      for (const job of this.queue.splice(0, slice)) this.options.onFile(job, scanDiskFile(job, this.options.maxBytes, this.into));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** True (and the thread given over to scanning) when this thread is a pool worker; a worker script calls it first. */
export function runAsScanWorker(): boolean {
  const setup = workerData as WorkerSetup | undefined;
  if (isMainThread || !parentPort || setup?.mark !== workerMark) return false;
  const port = parentPort;
  const into = new ReadBuffer();
  port.on('message', (message: ToWorker) => {
    if ('exit' in message) {
      port.close();
      return;
    }
    const results = message.jobs.map((job) => {
      const result = scanDiskFile(job, setup.maxBytes, into);
      return result.kind === 'clean' ? undefined : result;
    });
    port.postMessage({ results } satisfies FromWorker);
  });
  port.postMessage({ ready: true } satisfies FromWorker);
  return true;
}
