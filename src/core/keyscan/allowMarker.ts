/** Markers that silence a finding on their line; `gitleaks:allow` is honoured so both tools agree. */
export const allowMarkers = ['claude-keyscan:allow', 'gitleaks:allow'] as const;

/** The marker we write when the user chooses "ignore this line". */
export const ourAllowMarker = allowMarkers[0];

/** True when one of the lines touched by [start, end) carries an allow marker. */
export function isAllowedByMarker(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', Math.max(end - 1, start));
  if (lineEnd === -1) lineEnd = text.length;
  // Only search when a marker could be there at all: one-line bundles have megabyte lines.
  return allowMarkers.some((marker) => {
    const at = text.indexOf(marker, lineStart);
    return at !== -1 && at + marker.length <= lineEnd;
  });
}
