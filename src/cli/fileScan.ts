import { createHash } from 'node:crypto';
import { KeyFinding } from '../core/keyscan/finding';
import type { KeyEncoding } from '../core/keyscan/finding';
import type { KeyKind } from '../core/keyscan/families';
import { LineIndex } from '../core/keyscan/lineIndex';
import { readCandidate } from '../core/keyscan/readCandidate';
import { scanText } from '../core/keyscan/scanText';

/** A key found in one file, in a form that crosses from a worker thread to the main thread. */
export interface FoundKey {
  key: string;
  kind: KeyKind;
  start: number;
  end: number;
  encoding: KeyEncoding;
  line: number;
  column: number;
}

/** What scanning one file found (files without keys produce nothing). */
export interface FileScan {
  absolute: string;
  keys: FoundKey[];
  /** The id git would give the scanned content (tracked files only): compared with HEAD and the index. */
  blobId?: string;
}

function blobId(bytes: Buffer, format: 'sha1' | 'sha256'): string {
  return createHash(format).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** How git names objects in the file's repository; undefined when the file is not tracked (nothing to compare). */
export type HashAs = 'sha1' | 'sha256' | undefined;

/** Scans `text` (decoded from `bytes`); undefined when it holds no key that is not marked allowed. */
export function scanContent(absolute: string, text: string, bytes: Buffer, hashAs: HashAs): FileScan | undefined {
  const findings = scanText(text).filter((finding) => !finding.allowed);
  if (findings.length === 0) return undefined;
  const lines = new LineIndex(text);
  return {
    absolute,
    keys: findings.map((finding) => ({ key: finding.revealKey(), kind: finding.kind, start: finding.start, end: finding.end, encoding: finding.encoding, ...lines.position(finding.start) })),
    blobId: hashAs && blobId(bytes, hashAs),
  };
}

/** Reads and scans one file on disk (see `readCandidate` for what is skipped). */
export function scanDiskFile(absolute: string, maxBytes: number, hashAs: HashAs): FileScan | undefined {
  const read = readCandidate(absolute, maxBytes);
  return read.kind === 'text' ? scanContent(absolute, read.text, read.bytes, hashAs) : undefined;
}

/** The findings of a scan as `KeyFinding`s again (the key never leaves them except through `revealKey`). */
export function toFindings(scan: FileScan): KeyFinding[] {
  return scan.keys.map((found) => new KeyFinding(found.key, found.kind, found.start, found.end, found.encoding, false));
}
