import { allowMarkers, isAllowedByMarker } from './allowMarker';
import { base64MarkerAt, base64Markers, decodeRunAt, encodedRange } from './base64';
import type { DecodedRun } from './base64';
import { keyRunEnd, readKeyAt } from './readKey';
import { KeyFinding } from './finding';
import type { KeyEncoding } from './finding';

/**
 * Everything that can start a finding: `sk-` (plain keys, and literals cut inside `sk-ant-` for
 * concatenation) and the three base64 forms of `sk-ant-`. One regex pass finds them all; V8 runs a
 * literal alternation like this at memory speed, so text without any hit costs one quick pass.
 */
const hitPattern = new RegExp(['sk-', ...base64Markers.map((marker) => marker.text)].join('|'), 'g');

/**
 * Finds every Anthropic credential in `text`: written plainly (in any surrounding: quotes, URLs,
 * HTML attributes, YAML lists, escaped JSON, notebooks, megabyte one-line bundles), split into string
 * literals joined by concatenation, or base64-encoded. Placeholders are skipped. The whole text is
 * scanned as one string, so no key can straddle a chunk boundary.
 */
export function scanText(text: string): KeyFinding[] {
  const findings: KeyFinding[] = [];
  let markerPresent: boolean | undefined;
  const make = (key: string, kind: KeyFinding['kind'], start: number, end: number, encoding: KeyEncoding) => {
    // Looked up only once there is a finding: the common no-key text never pays for it.
    markerPresent ??= allowMarkers.some((marker) => text.includes(marker));
    findings.push(new KeyFinding(key, kind, start, end, encoding, markerPresent && isAllowedByMarker(text, start, end)));
  };
  const decodedRuns = new Set<number>();

  const pattern = new RegExp(hitPattern.source, 'g');
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const hit = match.index;
    if (match[0] === 'sk-') {
      // `sk-` alone is common (`task-`, `mask-`); only `sk-ant-` or a literal cut inside it can start a key.
      const candidate = couldStartKey(text, hit) ? readKeyAt(text, hit) : undefined;
      if (!candidate) continue;
      make(candidate.key, candidate.family.kind, candidate.start, candidate.end, candidate.pieces > 1 ? 'concatenated' : 'plain');
      pattern.lastIndex = Math.max(pattern.lastIndex, candidate.end);
      continue;
    }
    const marker = base64MarkerAt(text, hit);
    const run = marker && decodeRunAt(text, hit, marker);
    if (!run || decodedRuns.has(run.start)) continue;
    decodedRuns.add(run.start);
    for (const candidate of keysInDecodedRun(run)) {
      const range = encodedRange(run, candidate.start, candidate.end);
      make(candidate.key, candidate.family.kind, range.start, range.end, 'base64');
    }
  }

  return findings.sort((a, b) => a.start - b.start);
}

function keysInDecodedRun(run: DecodedRun): NonNullable<ReturnType<typeof readKeyAt>>[] {
  const candidates: NonNullable<ReturnType<typeof readKeyAt>>[] = [];
  for (let at = run.decoded.indexOf('sk-ant-'); at !== -1; ) {
    const candidate = readKeyAt(run.decoded, at);
    if (candidate) candidates.push(candidate);
    at = run.decoded.indexOf('sk-ant-', candidate ? candidate.end : at + 1);
  }
  return candidates;
}

const header = 'sk-ant-';

/**
 * `sk-ant-` itself, or the start of a string literal cut short inside the `sk-ant-<family>-` header
 * (`"sk-" + "ant-api03-…"`), which only concatenation can complete.
 */
function couldStartKey(text: string, hit: number): boolean {
  if (text.startsWith(header, hit)) return true;
  const quote = text.charCodeAt(hit - 1);
  if (quote !== 34 && quote !== 39 && quote !== 96) return false;
  const runEnd = keyRunEnd(text, hit, Math.min(text.length, hit + header.length));
  return runEnd < text.length && text.charCodeAt(runEnd) === quote && header.startsWith(text.slice(hit, runEnd));
}
