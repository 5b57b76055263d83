import { familyAt, isKeyChar, keyBodyLength, keyBodySuffix, keyFamilies } from './families';
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

/** Most pieces we follow through `"a" + "b"` chains before giving up. */
const maxPieces = 40;
/** Whitespace (and one `+` or `\` line continuation) allowed between two joined literals. */
const maxGap = 200;
/** Most characters a joined key can span: every piece as long as it may be, every gap as wide. */
export const maxJoinedSpan = maxPieces * (keyBodyLength + 16 + maxGap + 2);

/** End of the run of key-alphabet characters starting at `offset` (looking no further than `limit`). */
export function keyRunEnd(text: string, offset: number, limit = text.length): number {
  let end = offset;
  while (end < limit && isKeyChar(text.charCodeAt(end))) end++;
  return end;
}

/** The exact key shape (prefix, 93 characters, `AA`) with a random body: the family, else undefined. */
export function acceptKey(key: string): KeyFamily | undefined {
  const family = familyAt(key, 0);
  if (!family || key.length !== family.prefix.length + keyBodyLength || !key.endsWith(keyBodySuffix)) return undefined;
  return looksRandom(key.slice(family.prefix.length)) ? family : undefined;
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

// A module-level copy: read for every piece of every join.
const families = [...keyFamilies];

/** Can `joined` still grow into a key: a start of some family's prefix, or a prefix and a short enough body? */
function couldBecomeKey(joined: string): boolean {
  for (const family of families) {
    if (joined.length <= family.prefix.length ? family.prefix.startsWith(joined) : joined.startsWith(family.prefix) && joined.length <= family.prefix.length + keyBodyLength) {
      return true;
    }
  }
  return false;
}

/**
 * Reads a key written as string literals joined by concatenation, starting at `start` (just inside
 * the first literal, where `sk-` stands). Every piece must keep the joined text a possible key, so a
 * chain of junk stops at its first wrong piece; the whole must have the exact key shape. `pieces` is
 * how many literals were read (the work done, found or not).
 */
export function readJoinedKey(text: string, start: number): { candidate?: KeyCandidate; pieces: number } {
  let joined = '';
  let at = start;
  for (let pieces = 1; pieces <= maxPieces; pieces++) {
    const runEnd = keyRunEnd(text, at, Math.min(text.length, at + keyBodyLength + 16));
    joined += text.slice(at, runEnd);
    if (!couldBecomeKey(joined)) return { pieces };
    if (runEnd >= text.length || !quoteCodes.has(text.charCodeAt(runEnd))) return { pieces };
    const family = acceptKey(joined);
    if (family) return pieces > 1 ? { candidate: { family, key: joined, start, end: runEnd, pieces }, pieces } : { pieces };
    const next = nextJoinedLiteral(text, runEnd);
    if (next === undefined) return { pieces };
    at = next;
  }
  return { pieces: maxPieces };
}
