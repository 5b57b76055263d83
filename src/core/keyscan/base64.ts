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

/** A stretch of base64 text that decodes to something containing `sk-ant-`. */
export interface DecodedRun {
  /** Offset in the original text of the first character of the decoded groups. */
  start: number;
  /** Offset just past the last decoded character (padding included). */
  end: number;
  decoded: string;
}

/** Longest base64 run we decode around a hit (a whole base64'd .env file is fine; a 5 MB blob is cut). */
const maxRunChars = 64 * 1024;

/**
 * Decodes the base64 run around a hit of `marker` at `hit`, keeping the hit's 4-character grid.
 * Undefined when the run does not decode to anything holding `sk-ant-`.
 */
export function decodeRunAt(text: string, hit: number, marker: Base64Marker): DecodedRun | undefined {
  // The hit sits `offsetInGroups` characters into a 4-character group that starts at `groupStart`.
  const groupStart = hit - marker.offsetInGroups;
  if (groupStart < 0) return undefined;
  let runStart = groupStart;
  const leftLimit = Math.max(0, groupStart - maxRunChars);
  while (runStart > leftLimit && isBase64Char(text.charCodeAt(runStart - 1))) runStart--;
  runStart += (groupStart - runStart) % 4;
  let runEnd = groupStart;
  const rightLimit = Math.min(text.length, groupStart + maxRunChars);
  while (runEnd < rightLimit && isBase64Char(text.charCodeAt(runEnd))) runEnd++;
  while (runEnd < text.length && text.charCodeAt(runEnd) === 61 /* = */ && runEnd - runStart < maxRunChars + 3) runEnd++;
  const decoded = Buffer.from(text.slice(runStart, runEnd), 'base64').toString('latin1');
  return decoded.includes('sk-ant-') ? { start: runStart, end: runEnd, decoded } : undefined;
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
