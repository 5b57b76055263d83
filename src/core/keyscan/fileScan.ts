import { createHash } from 'node:crypto';
import type { KeyKind } from './families';
import { KeyFinding } from './finding';
import type { KeyEncoding } from './finding';
import { readCandidate } from './readCandidate';
import type { ReadBuffer, SkipReason } from './readCandidate';
import { scanBytes } from './scanBytes';
import type { Position } from './scanBytes';

/** A key found in one file, in a form that crosses from a worker thread to the main thread. */
export interface FoundKey {
  key: string;
  /** As `KeyFinding` has them, so the thread that reports the key does not hash it again. */
  redacted: string;
  fingerprint: string;
  kind: KeyKind;
  encoding: KeyEncoding;
  /** Byte offsets in the file. */
  start: number;
  end: number;
  /** 1-based lines and UTF-16 columns of `start` and `end`. */
  startAt: Position;
  endAt: Position;
}

/** What scanning one file found (files without keys produce nothing). */
export interface FileScan {
  absolute: string;
  keys: FoundKey[];
  /** The id git would give the scanned content (when asked for): compared with HEAD and the index. */
  blobId?: string;
}

/** How git names objects in the file's repository; undefined when no object id is wanted. */
export type HashAs = 'sha1' | 'sha256' | undefined;

/** One file for the scan: where it is, the real path of the folder it must stay inside, and how to name its content. */
export interface ScanJob {
  absolute: string;
  root?: string;
  hashAs?: HashAs;
}

export type JobResult = { kind: 'keys'; scan: FileScan } | { kind: 'clean' } | { kind: 'skipped'; reason: SkipReason };

function blobId(bytes: Uint8Array, format: 'sha1' | 'sha256'): string {
  return createHash(format).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Scans a file's content; undefined when it holds no key that is not marked allowed. */
export function scanContent(absolute: string, bytes: Uint8Array, hashAs: HashAs): FileScan | undefined {
  const found = scanBytes(bytes).findings.filter(({ finding }) => !finding.allowed);
  if (found.length === 0) return undefined;
  return {
    absolute,
    keys: found.map(({ finding, start, end }) => ({
      key: finding.revealKey(),
      redacted: finding.redacted,
      fingerprint: finding.fingerprint,
      kind: finding.kind,
      encoding: finding.encoding,
      start: finding.start,
      end: finding.end,
      startAt: start,
      endAt: end,
    })),
    blobId: hashAs && blobId(bytes, hashAs),
  };
}

/** Reads and scans one file on disk (see `readCandidate` for what is skipped). */
export function scanDiskFile(job: ScanJob, maxBytes: number, into?: ReadBuffer): JobResult {
  const read = readCandidate(job.absolute, maxBytes, { root: job.root, into });
  if (read.kind === 'skipped') return read;
  const scan = scanContent(job.absolute, read.bytes, job.hashAs);
  return scan ? { kind: 'keys', scan } : { kind: 'clean' };
}

/** The findings of a scan as `KeyFinding`s again (the key never leaves them except through `revealKey`). */
export function toFindings(scan: FileScan): KeyFinding[] {
  return scan.keys.map((found) => new KeyFinding(found.key, found.kind, found.start, found.end, found.encoding, false, found));
}
