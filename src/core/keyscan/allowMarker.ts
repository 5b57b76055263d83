/** Markers that silence a finding beside them; `gitleaks:allow` is honoured so both tools agree. */
export const allowMarkers = ['claude-keyscan:allow', 'gitleaks:allow'] as const;

/** The marker we write when the user chooses "ignore this line". */
export const ourAllowMarker = allowMarkers[0];

/**
 * How far from a key its marker may stand. A marker is a comment at the end of the key's line; on a
 * megabyte-long minified line it must not silence every key of the bundle, so it only reaches keys
 * this close to it.
 */
export const allowMarkerReach = 256;

/**
 * True when an allow marker stands on the same line as the finding [start, end), within
 * `allowMarkerReach` characters before or after it. Looks at a window of fixed size, so checking every
 * finding of a file costs linear time whatever the file holds.
 */
export function isAllowedByMarker(text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - allowMarkerReach);
  const window = text.slice(from, Math.min(text.length, end + allowMarkerReach));
  // The lines the finding touches, cut to the window.
  const lineStart = start > from ? window.lastIndexOf('\n', start - from - 1) + 1 : 0;
  let lineEnd = window.indexOf('\n', end - from);
  if (lineEnd === -1) lineEnd = window.length;
  return allowMarkers.some((marker) => {
    const at = window.indexOf(marker, lineStart);
    return at !== -1 && at + marker.length <= lineEnd;
  });
}
