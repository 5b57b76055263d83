import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { allowMarkerReach } from './allowMarker';
import { maxKeyLength } from './families';
import { KeyFinding } from './finding';
import { maxJoinedSpan } from './readKey';
import { scanTextWithin } from './scanText';
import type { ScanOptions } from './scanText';

/**
 * Scans a file's bytes without decoding it as a whole. Keys are ASCII, so the scan reads the bytes as
 * Latin-1 (one character per byte, a copy, where UTF-8 decoding costs several times more) and finds
 * exactly what it finds in the decoded text; offsets are byte offsets, and lines and UTF-16 columns are
 * worked out for the findings alone.
 *
 * A large file is read in windows: each window owns `windowShare` bytes and carries enough context on
 * both sides for any key that starts in its share (the allow-marker reach before; a whole joined key and
 * the marker reach after), so every key is found in exactly one window. The windows stay small enough for
 * V8's young generation: one string per file above 128 KB goes to the large-object space and costs more
 * to make than to scan (measured: 20x for 200 KB-1 MB strings on a busy machine).
 */

/** Bytes each window owns. */
const windowShare = 96 * 1024;
/** Context before a window's share: a finding's allow marker may stand this far before it. */
const contextBefore = allowMarkerReach + 256;
/** Context after: the longest joined key, then its allow-marker reach. */
const contextAfter = maxJoinedSpan + maxKeyLength + allowMarkerReach;

/** A finding with its position (1-based line, 1-based UTF-16 column) at its start and its end. */
export interface LocatedFinding {
  finding: KeyFinding;
  start: Position;
  end: Position;
}

export interface Position {
  line: number;
  column: number;
}

export interface BytesScan {
  findings: LocatedFinding[];
  /** False when the time budget ran out before the end of the bytes. */
  complete: boolean;
}

/** Finds every key in `bytes` (see `scanText`); offsets in the findings are byte offsets. */
export function scanBytes(bytes: Uint8Array, options: ScanOptions = {}): BytesScan {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const deadline = options.budgetMs === undefined ? Infinity : performance.now() + options.budgetMs;
  const findings: KeyFinding[] = [];
  let complete = true;
  for (let share = 0; share < buffer.length || share === 0; share += windowShare) {
    const from = Math.max(0, share - contextBefore);
    const to = Math.min(buffer.length, share + windowShare + contextAfter);
    const budgetMs = deadline === Infinity ? undefined : Math.max(0, deadline - performance.now());
    const scan = scanTextWithin(buffer.toString('latin1', from, to), { budgetMs });
    for (const finding of scan.findings) {
      const start = from + finding.start;
      // Each window reports the keys that start in its own share.
      if (start < share || start >= share + windowShare) continue;
      // The key is copied out of the window (its redacted form made again from the copy): a slice of
      // the window's string would keep the whole window alive as long as the finding.
      const key = Buffer.from(finding.revealKey(), 'latin1').toString('latin1');
      const { fingerprint } = finding;
      findings.push(new KeyFinding(key, finding.kind, start, from + finding.end, finding.encoding, finding.allowed, { fingerprint }));
    }
    if (!scan.complete) {
      complete = false;
      break;
    }
  }
  return { findings: locate(buffer, findings), complete };
}

/** Lines and UTF-16 columns of every finding's start and end, in one pass over the bytes before the last. */
function locate(bytes: Buffer, findings: readonly KeyFinding[]): LocatedFinding[] {
  const offsets = [...new Set(findings.flatMap((finding) => [finding.start, finding.end]))].sort((a, b) => a - b);
  const positions = new Map<number, Position>();
  let line = 1;
  let lineStart = 0;
  // The UTF-16 column is counted from the last offset located on the same line.
  let countedTo = 0;
  let units = 0;
  for (const offset of offsets) {
    for (let newline = bytes.indexOf(10, lineStart); newline !== -1 && newline < offset; newline = bytes.indexOf(10, lineStart)) {
      line++;
      lineStart = newline + 1;
    }
    if (countedTo < lineStart) {
      countedTo = lineStart;
      units = 0;
    }
    units += utf16Length(bytes, countedTo, offset);
    countedTo = offset;
    positions.set(offset, { line, column: units + 1 });
  }
  return findings.map((finding) => ({ finding, start: positions.get(finding.start) as Position, end: positions.get(finding.end) as Position }));
}

/** UTF-16 code units of the UTF-8 bytes [from, to), as `toString('utf8')` decodes them. */
function utf16Length(bytes: Buffer, from: number, to: number): number {
  if (isAscii(bytes.subarray(from, to))) return to - from;
  // Decoded in pieces so that a long minified line never becomes one large string.
  const decoder = new StringDecoder('utf8');
  let units = 0;
  for (let at = from; at < to; at += windowShare) units += decoder.write(bytes.subarray(at, Math.min(to, at + windowShare))).length;
  return units + decoder.end().length;
}
