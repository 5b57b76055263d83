import * as fs from 'node:fs';
import * as path from 'node:path';

/** Why a file was not scanned. */
export type SkipReason = 'not-a-regular-file' | 'outside-the-folder' | 'too-large' | 'binary' | 'unreadable';

export type ReadResult =
  /** The file's bytes as read (git object ids are computed over them); a view of the reader's buffer. */
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'skipped'; reason: SkipReason };

const noFollow = fs.constants.O_NOFOLLOW ?? 0;
const nonBlocking = fs.constants.O_NONBLOCK ?? 0;

/** Bytes looked at for a NUL, as git does to call a file binary. */
const binaryProbe = 8000;

/** A NUL in the first 8000 bytes: binary (images, archives, UTF-16 text), not scanned. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, binaryProbe).includes(0);
}

/** One buffer a thread reads every file into, grown when a file needs more: reading allocates nothing. */
export class ReadBuffer {
  private buffer = Buffer.allocUnsafe(256 * 1024);

  take(size: number): Buffer {
    if (size > this.buffer.length) this.buffer = Buffer.allocUnsafe(Math.max(size, this.buffer.length * 2));
    return this.buffer;
  }
}

/** True when `file` (a real path) is `root` or inside it. */
export function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The real path of the file open as `fd`. Linux names it in /proc; elsewhere the name is resolved and
 * must still be the file we hold (same device and inode), so a folder swapped for a link between the
 * walk and the open is noticed either way.
 */
function openedPath(fd: number, file: string, stat: fs.Stats): string | undefined {
  try {
    const real = fs.readlinkSync(`/proc/self/fd/${fd}`);
    if (path.isAbsolute(real)) return real;
  } catch {
    // no /proc: resolve the name below
  }
  try {
    const real = fs.realpathSync.native(file);
    const again = fs.lstatSync(real);
    return again.dev === stat.dev && again.ino === stat.ino ? real : undefined;
  } catch {
    return undefined;
  }
}

export interface ReadOptions {
  /** The real path of the scanned folder: a file whose real path lies outside it is not read. */
  root?: string;
  /** Where to read into (one per thread); without it a buffer is allocated. */
  into?: ReadBuffer;
}

/**
 * Reads one file for the key scan, safely: the final path component is opened without following a
 * symbolic link and without blocking (a FIFO never hangs the scan), the opened file must be a regular
 * file whose real path is inside `root` (a folder on the way swapped for a link after the walk listed
 * the file is caught here, at the open), and never more than `maxBytes` are read. Binary files are
 * skipped. One open, one fstat and one read per file.
 */
export function readCandidate(file: string, maxBytes: number, options: ReadOptions = {}): ReadResult {
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
    if (options.root !== undefined) {
      const real = openedPath(fd, file, stat);
      if (real === undefined || !isInside(options.root, real)) return { kind: 'skipped', reason: 'outside-the-folder' };
    }
    // The file may grow between fstat and read: read at most the size fstat saw (within the limit).
    const buffer = options.into?.take(stat.size) ?? Buffer.allocUnsafe(stat.size);
    let length = 0;
    while (length < stat.size) {
      const read = fs.readSync(fd, buffer, length, stat.size - length, null);
      if (read === 0) break;
      length += read;
    }
    const bytes = buffer.subarray(0, length);
    return isBinary(bytes) ? { kind: 'skipped', reason: 'binary' } : { kind: 'bytes', bytes };
  } catch {
    return { kind: 'skipped', reason: 'unreadable' };
  } finally {
    fs.closeSync(fd);
  }
}
