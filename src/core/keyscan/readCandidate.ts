import * as fs from 'node:fs';
import { base64Markers } from './base64';

/** Why a file was not scanned. */
export type SkipReason = 'not-a-regular-file' | 'too-large' | 'binary' | 'unreadable';

export type ReadResult =
  /** `bytes` are the file's bytes as read (git object ids are computed over them). */
  | { kind: 'text'; text: string; bytes: Buffer }
  /** No `sk-` and no base64 form of `sk-ant-`: cannot hold a key, not decoded at all. */
  | { kind: 'no-key' }
  | { kind: 'skipped'; reason: SkipReason };

const noFollow = fs.constants.O_NOFOLLOW ?? 0;
const nonBlocking = fs.constants.O_NONBLOCK ?? 0;
const hitNeedles = ['sk-', ...base64Markers.map((marker) => marker.text)].map((needle) => Buffer.from(needle, 'latin1'));

/**
 * Reads one file for the key scan, safely: the final path component is opened without following a
 * symbolic link and without blocking (a FIFO never hangs the scan), only a regular file is read, and
 * never more than `maxBytes`. The bytes are searched for anything that can start a key before they
 * are decoded, so the common file without a key costs one read and a few memory searches.
 */
export function readCandidate(file: string, maxBytes: number): ReadResult {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | noFollow | nonBlocking);
  } catch (error) {
    return { kind: 'skipped', reason: (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'not-a-regular-file' : 'unreadable' };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { kind: 'skipped', reason: 'not-a-regular-file' };
    if (stat.size > maxBytes) return { kind: 'skipped', reason: 'too-large' };
    // The file may grow between fstat and read: read at most the limit.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes));
    let length = 0;
    while (length < buffer.length) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    const bytes = buffer.subarray(0, length);
    if (bytes.subarray(0, 8000).includes(0)) return { kind: 'skipped', reason: 'binary' };
    if (!hitNeedles.some((needle) => bytes.includes(needle))) return { kind: 'no-key' };
    return { kind: 'text', text: bytes.toString('utf8'), bytes };
  } catch {
    return { kind: 'skipped', reason: 'unreadable' };
  } finally {
    fs.closeSync(fd);
  }
}
