import { familyAt, isKeyChar, keyMarker, maxBodyLength, minBodyLength } from './families';
import type { KeyFamily } from './families';
import { looksRandom } from './randomness';

/** A credential read from some text, before it becomes a finding. */
export interface KeyCandidate {
  family: KeyFamily;
  key: string;
  start: number;
  end: number;
  /** Number of string literals the key was joined from (1 when written in one piece). */
  pieces: number;
}

const quoteCodes = new Set([34, 39, 96]); // " ' `

/** Most pieces and characters we follow through `"a" + "b"` chains before giving up. */
const maxPieces = 40;
const maxJoinedLength = 400;
/** Whitespace (and one `+` or `\` line continuation) allowed between two joined literals. */
const maxGap = 200;

/** End of the run of key-alphabet characters starting at `offset`. */
export function keyRunEnd(text: string, offset: number, limit = text.length): number {
  let end = offset;
  while (end < limit && isKeyChar(text.charCodeAt(end))) end++;
  return end;
}

/**
 * After a closing quote at `quoteAt`, the offset just inside the next string literal when the two are
 * joined by concatenation: `"a" + "b"` (JS/TS/Python, across lines too), Python's implicit `"a" "b"`
 * and `"a" \` line continuations. Undefined when something else follows (`,`, `)`, `;`, a name...).
 */
export function nextJoinedLiteral(text: string, quoteAt: number): number | undefined {
  let at = quoteAt + 1;
  const limit = Math.min(text.length, at + maxGap);
  let joiner = false;
  while (at < limit) {
    const code = text.charCodeAt(at);
    if (code === 32 || code === 9 || code === 10 || code === 13) {
      at++;
    } else if (!joiner && code === 43 /* + */) {
      joiner = true;
      at++;
    } else if (!joiner && code === 92 /* \ */ && (text[at + 1] === '\n' || text.startsWith('\r\n', at + 1))) {
      joiner = true;
      at += text[at + 1] === '\n' ? 2 : 3;
    } else if (quoteCodes.has(code)) {
      // Implicit concatenation needs at least some whitespace between the literals (`"a""b"` is
      // an escaped quote in CSV and SQL, not a join).
      return at > quoteAt + 1 ? at + 1 : undefined;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** Is the key body `body` of `family` a real credential rather than a placeholder? */
function acceptBody(family: KeyFamily, body: string): string | undefined {
  // A known-shape key that runs on (`…AA_PROD`, joined pieces) ends after its `AA`.
  if (family.bodyLength && body.length > family.bodyLength && body.startsWith('AA', family.bodyLength - 2)) {
    body = body.slice(0, family.bodyLength);
  }
  if (body.length < minBodyLength || body.length > maxBodyLength) return undefined;
  return looksRandom(body) ? body : undefined;
}

/**
 * Reads a credential that starts at `start` (where `sk-` stands), following string concatenation
 * while the key is still incomplete. Returns undefined for anything that is not a real-looking key.
 */
export function readKeyAt(text: string, start: number): KeyCandidate | undefined {
  let joined = '';
  let at = start;
  let end: number;
  let pieces = 1;
  for (;;) {
    const runEnd = keyRunEnd(text, at, Math.min(text.length, at + maxJoinedLength - joined.length + 1));
    joined += text.slice(at, runEnd);
    end = runEnd;
    if (runEnd >= text.length || !quoteCodes.has(text.charCodeAt(runEnd))) break;
    if (pieces >= maxPieces || joined.length >= maxJoinedLength || isComplete(joined)) break;
    const next = nextJoinedLiteral(text, runEnd);
    if (next === undefined) break;
    at = next;
    pieces++;
  }
  if (!joined.startsWith(keyMarker)) return undefined;
  const family = familyAt(joined, 0);
  if (!family) return undefined;
  const body = acceptBody(family, joined.slice(family.prefix.length));
  if (!body) return undefined;
  const key = family.prefix + body;
  // Map the end back into the text when the body was cut after its `AA`.
  if (key.length < joined.length) end = pieces === 1 ? start + key.length : offsetOfJoined(text, start, key.length);
  return { family, key, start, end, pieces: key.length < joined.length && pieces > 1 ? countPieces(text, start, end) : pieces };
}

/** A joined string that already holds a whole key of known shape needs no more pieces. */
function isComplete(joined: string): boolean {
  const family = familyAt(joined, 0);
  if (!family) return false;
  const bodyLength = joined.length - family.prefix.length;
  return family.bodyLength ? bodyLength >= family.bodyLength : bodyLength >= 80;
}

/** Offset in `text` of the end of the first `length` joined characters starting at `start`. */
function offsetOfJoined(text: string, start: number, length: number): number {
  let at = start;
  let remaining = length;
  for (;;) {
    const runEnd = keyRunEnd(text, at);
    if (runEnd - at >= remaining) return at + remaining;
    remaining -= runEnd - at;
    const next = nextJoinedLiteral(text, runEnd);
    if (next === undefined) return runEnd;
    at = next;
  }
}

function countPieces(text: string, start: number, end: number): number {
  let pieces = 1;
  let at = keyRunEnd(text, start);
  while (at < end) {
    const next = nextJoinedLiteral(text, at);
    if (next === undefined) break;
    pieces++;
    at = keyRunEnd(text, next);
  }
  return pieces;
}
