/**
 * Keys hidden in base64 (Kubernetes Secret `data:` values, base64'd .env files, data URLs). A key's
 * `sk-ant-` encodes to one of three fixed strings depending on its byte alignment, so finding
 * candidates is three `indexOf` calls; only the base64 runs around a hit are decoded.
 */

/** The characters of base64("sk-ant-") that do not depend on the neighbouring bytes, per alignment. */
export const base64Markers: readonly Base64Marker[] = computeMarkers('sk-ant-');

export interface Base64Marker {
  text: string;
  /** Bytes before `sk-ant-` in its 3-byte group. */
  alignment: number;
  /** Index of `text` in the encoding, counted from a 4-character group boundary. */
  offsetInGroups: number;
}

/** For each byte alignment 0..2: the stable part of the encoding and its position in the 4-char group grid. */
function computeMarkers(plain: string): Base64Marker[] {
  const markers: Base64Marker[] = [];
  for (let alignment = 0; alignment < 3; alignment++) {
    const variants = [0x00, 0xff, 0x5a].map((fill) =>
      Buffer.concat([Buffer.alloc(alignment, fill), Buffer.from(plain, 'latin1'), Buffer.alloc(3, fill)]).toString('base64'),
    );
    let first = 0;
    while (variants.some((variant) => variant[first] !== variants[0][first])) first++;
    let last = first;
    while (last < variants[0].length && variants.every((variant) => variant[last] === variants[0][last])) last++;
    markers.push({ text: variants[0].slice(first, last), alignment, offsetInGroups: first });
  }
  return markers;
}

export function isBase64Char(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 43 || // +
    code === 47 || // /
    code === 45 || // - (URL-safe)
    code === 95 // _ (URL-safe)
  );
}

const base64Run = /^[A-Za-z0-9+/_-]*/;

/** End of the run of base64 characters from `offset`, looking no further than `limit` (the regex engine walks it: a JavaScript loop is several times slower). */
export function base64RunEnd(text: string, offset: number, limit: number): number {
  // A slice is a view in V8 (no copy); it keeps the walk from running past `limit`.
  return offset + (base64Run.exec(text.slice(offset, limit))?.[0].length ?? 0);
}

/** Longest base64 run we decode at once (a whole base64'd .env file is fine; a 5 MB blob is decoded in parts). */
export const maxRunChars = 64 * 1024;

/**
 * One buffer every decode writes into: a run is at most `maxRunChars` (and its padding), so decoding
 * allocates nothing but the resulting string, which stays small enough for V8's young generation.
 */
const scratch = Buffer.alloc((maxRunChars / 4) * 3 + 3);

/** Base64 (standard or URL-safe) to a string with one character per byte. */
function decodeBase64(encoded: string): string {
  const length = scratch.write(encoded, 'base64');
  return scratch.toString('latin1', 0, length);
}

/** A stretch of base64 text around a marker, decoded. */
export interface DecodedRun {
  /** Offset in the original text of the first character of the decoded groups. */
  start: number;
  /** Offset just past the last decoded character (padding included). */
  end: number;
  decoded: string;
  /** The base64 text goes on past `end` (the run was cut at `maxRunChars`). */
  cut: boolean;
}

/**
 * Decodes the base64 run around a hit of `marker` at `hit`, keeping the hit's 4-character grid. The
 * run reaches left no further than `leftBound` (the end of the run decoded before), so every character
 * of a text is walked and decoded a bounded number of times, however many markers it holds.
 */
export function decodeRunAt(text: string, hit: number, marker: Base64Marker, leftBound = 0): DecodedRun | undefined {
  // The hit sits `offsetInGroups` characters into a 4-character group that starts at `groupStart`.
  const groupStart = hit - marker.offsetInGroups;
  if (groupStart < leftBound) return undefined;
  let runStart = groupStart;
  const leftLimit = Math.max(leftBound, groupStart - maxRunChars / 2);
  while (runStart > leftLimit && isBase64Char(text.charCodeAt(runStart - 1))) runStart--;
  runStart += (groupStart - runStart) % 4;
  let runEnd = base64RunEnd(text, groupStart, runStart + maxRunChars);
  const cut = runEnd < text.length && isBase64Char(text.charCodeAt(runEnd));
  if (cut) runEnd -= (runEnd - runStart) % 4;
  while (runEnd < text.length && runEnd - runStart < maxRunChars + 3 && text.charCodeAt(runEnd) === 61 /* = */) runEnd++;
  return { start: runStart, end: runEnd, decoded: decodeBase64(text.slice(runStart, runEnd)), cut };
}

/** Base64 characters that encode a whole key, rounded up to whole groups: how much chunks overlap. */
const chunkOverlap = 152;

/**
 * The next chunk of a run that `run` was cut from, overlapping it by a key's length so that a key
 * across the cut is whole in one of them. A chunk without any marker is not decoded (`decoded` is '').
 */
export function nextChunk(text: string, run: DecodedRun): DecodedRun {
  const start = run.end - chunkOverlap;
  let end = base64RunEnd(text, start, start + maxRunChars);
  const cut = end < text.length && isBase64Char(text.charCodeAt(end));
  if (cut) end -= (end - start) % 4;
  while (end < text.length && end - start < maxRunChars + 3 && text.charCodeAt(end) === 61 /* = */) end++;
  const encoded = text.slice(start, end);
  const decoded = base64Markers.some((marker) => encoded.includes(marker.text)) ? decodeBase64(encoded) : '';
  return { start, end, decoded, cut };
}

/** The marker whose text stands at `offset`, if any. */
export function base64MarkerAt(text: string, offset: number): Base64Marker | undefined {
  return base64Markers.find((marker) => text.startsWith(marker.text, offset));
}

/** Maps a byte range of a decoded run back to the characters of the original text that encode it. */
export function encodedRange(run: DecodedRun, byteStart: number, byteEnd: number): { start: number; end: number } {
  return {
    start: run.start + Math.floor(byteStart / 3) * 4,
    end: Math.min(run.end, run.start + Math.ceil(byteEnd / 3) * 4),
  };
}
