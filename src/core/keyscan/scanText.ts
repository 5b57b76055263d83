import { allowMarkers, isAllowedByMarker } from './allowMarker';
import { encodedRange, findBase64Runs } from './base64';
import { keyRunEnd, readKeyAt } from './readKey';
import { KeyFinding } from './finding';
import type { KeyEncoding } from './finding';

/**
 * Finds every Anthropic credential in `text`: written plainly (in any surrounding: quotes, URLs,
 * HTML attributes, YAML lists, escaped JSON, notebooks, megabyte one-line bundles), split into string
 * literals joined by concatenation, or base64-encoded. Placeholders are skipped. The whole text is
 * scanned as one string, so no key can straddle a chunk boundary.
 *
 * Cost: an `indexOf('sk-')` walk plus three `indexOf` calls for the base64 forms; text without any
 * hit is never looked at character by character.
 */
export function scanText(text: string): KeyFinding[] {
  const findings: KeyFinding[] = [];
  const markerPresent = allowMarkers.some((marker) => text.includes(marker));
  const make = (key: string, kind: KeyFinding['kind'], start: number, end: number, encoding: KeyEncoding) =>
    new KeyFinding(key, kind, start, end, encoding, markerPresent && isAllowedByMarker(text, start, end));

  for (let hit = text.indexOf('sk-'); hit !== -1; ) {
    // `sk-` alone is common (`task-`, `mask-`); only `sk-ant-` or a literal cut inside it can start a key.
    const candidate = couldStartKey(text, hit) ? readKeyAt(text, hit) : undefined;
    if (candidate) {
      const encoding = candidate.pieces > 1 ? 'concatenated' : 'plain';
      findings.push(make(candidate.key, candidate.family.kind, candidate.start, candidate.end, encoding));
      hit = text.indexOf('sk-', candidate.end);
    } else {
      hit = text.indexOf('sk-', hit + 3);
    }
  }

  for (const run of findBase64Runs(text)) {
    for (let at = run.decoded.indexOf('sk-ant-'); at !== -1; ) {
      const candidate = readKeyAt(run.decoded, at);
      if (!candidate) {
        at = run.decoded.indexOf('sk-ant-', at + 1);
        continue;
      }
      const range = encodedRange(run, candidate.start, candidate.end);
      findings.push(make(candidate.key, candidate.family.kind, range.start, range.end, 'base64'));
      at = run.decoded.indexOf('sk-ant-', candidate.end);
    }
  }

  return findings.sort((a, b) => a.start - b.start);
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
