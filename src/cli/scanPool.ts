import * as os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { scanDiskFile } from './fileScan';
import type { FileScan, HashAs } from './fileScan';

/** Below this many files, starting a worker costs more than it saves. */
const filesPerWorker = 200;

/** A file to scan, and how to compute its git object id. */
export interface DiskFile {
  absolute: string;
  hashAs: HashAs;
}

interface Job {
  files: DiskFile[];
  maxBytes: number;
}

/**
 * Reads and scans files on every core: worker threads (running this same script) take an equal share
 * each, the main thread takes one too. Each file is read once; only files with keys come back.
 */
export async function scanDiskFiles(files: readonly DiskFile[], maxBytes: number, script: string): Promise<FileScan[]> {
  const threads = Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, Math.floor(files.length / filesPerWorker)));
  const shares: DiskFile[][] = Array.from({ length: threads }, () => []);
  files.forEach((file, i) => shares[i % threads].push(file));
  const workers = shares.slice(1).map(
    (share) =>
      new Promise<FileScan[]>((resolve, reject) => {
        const worker = new Worker(script, { workerData: { files: share, maxBytes } satisfies Job });
        worker.once('message', (scans: FileScan[]) => resolve(scans));
        worker.once('error', reject);
        worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`scan worker exited with ${code}`))));
      }),
  );
  const own = scanShare({ files: shares[0], maxBytes });
  return [...own, ...(await Promise.all(workers)).flat()];
}

function scanShare(job: Job): FileScan[] {
  const scans: FileScan[] = [];
  for (const file of job.files) {
    const scan = scanDiskFile(file.absolute, job.maxBytes, file.hashAs);
    if (scan) scans.push(scan);
  }
  return scans;
}

/** True (and the work done) when this thread is a scan worker; the CLI's entry point calls it first. */
export function runAsScanWorker(): boolean {
  if (isMainThread || !parentPort) return false;
  parentPort.postMessage(scanShare(workerData as Job));
  return true;
}
