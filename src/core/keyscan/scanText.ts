import { isAllowedByMarker } from './allowMarker';
import { base64MarkerAt, base64Markers, base64RunEnd, decodeRunAt, encodedRange, nextChunk } from './base64';
import type { DecodedRun } from './base64';
import { familyNamesPattern, isKeyChar, keyBodyLength, keyCharClass, keyFamilies, keyMarker, maxKeyLength } from './families';
import { KeyFinding } from './finding';
import type { KeyEncoding } from './finding';
import { acceptKey, readJoinedKey } from './readKey';
import type { KeyCandidate } from './readKey';

/*
 * One regex pass finds every place a key can start; every alternative begins with a literal, so V8
 * skips text without any hit at memory speed, and each alternative demands enough of the key's shape
 * that a crafted file cannot make JavaScript run for every few characters:
 * - `plain`: `sk-ant-<family>-` and a whole body's worth of key characters (the exact end is checked
 *   in code, so a long run costs one step, not one regex attempt per `sk-ant-` inside it);
 * - `joined`: a string literal cut inside a key (`"sk-ant-api03-abc" + "…"`), quote on both sides;
 * - `encoded`: one of the three base64 forms of `sk-ant-` (the run around it is measured in code, and a
 *   run too short for a key is skipped whole).
 * A crafted file can still make code run per hit (a join or a base64 marker that leads nowhere); after
 * a budget of such failures per character, joins and then base64 are no longer followed in that text.
 */
const plainSource = `sk-ant-(?:${familyNamesPattern})-[${keyCharClass}]{${keyBodyLength}}`;
const joinedSource = `sk-(?<=["'\`]sk-)(?:a(?:n(?:t(?:-[${keyCharClass}]{0,${maxKeyLength}})?)?)?)?(?=["'\`])`;
/** Base64 characters a key needs after its `sk-ant-` marker (its other 100+ bytes, less a group of slack). */
const encodedTail = 128;
const encodedSource = base64Markers.map((marker) => marker.text).join('|');

const plain = `(?<plain>${plainSource})`;
const joined = `(?<joined>${joinedSource})`;
const encoded = `(?<encoded>${encodedSource})`;
/** The hit patterns by what is still followed: string joins, base64. */
const patterns = {
  all: new RegExp(`${plain}|${joined}|${encoded}`, 'g'),
  noJoins: new RegExp(`${plain}|${encoded}`, 'g'),
  noBase64: new RegExp(`${plain}|${joined}`, 'g'),
  plainOnly: new RegExp(plain, 'g'),
};

/** The ends of all family prefixes (cheaper to look for than the prefixes in text full of `sk-ant-`). */
const familyEndings = [...new Set(keyFamilies.map((family) => family.prefix.slice(-3)))];

/** The end of a run of key characters, found by the regex engine (a JavaScript loop is several times slower). */
const keyRun = new RegExp(`[${keyCharClass}]*`, 'y');
function keyRunEndFast(text: string, offset: number): number {
  keyRun.lastIndex = offset;
  keyRun.test(text);
  return keyRun.lastIndex;
}

export interface ScanOptions {
  /**
   * Stop after about this many milliseconds and report what was found so far (`complete: false`).
   * The live lint uses it so that no document can hold up the extension host.
   */
  budgetMs?: number;
}

export interface ScanResult {
  findings: KeyFinding[];
  /** False when the time budget ran out before the end of the text. */
  complete: boolean;
}

/**
 * Finds every Anthropic credential in `text`: written plainly (in any surrounding: quotes, URLs,
 * HTML attributes, YAML lists, escaped JSON, notebooks, megabyte one-line bundles), split into string
 * literals joined by concatenation, or base64-encoded. Only exact key shapes with a random body count.
 * The whole text is scanned as one string, so no key can straddle a chunk boundary; the time taken is
 * linear in the length of the text whatever it holds.
 */
export function scanText(text: string): KeyFinding[] {
  return scanTextWithin(text).findings;
}

/** `scanText` with a time budget (see `ScanOptions`). */
export function scanTextWithin(text: string, options: ScanOptions = {}): ScanResult {
  return new Scan(text, options).run();
}

/** How many string joins may fail per character of text before joins are no longer followed. */
const failuresAllowed = (length: number) => 64 + Math.floor(length / 1024);

class Scan {
  private readonly findings: KeyFinding[] = [];
  private readonly seen = new Set<string>();
  private readonly deadline: number;
  private failedJoins = 0;
  private failedBase64 = 0;
  private readonly maxFailures: number;
  private complete = true;

  constructor(
    private readonly text: string,
    options: ScanOptions,
  ) {
    this.deadline = options.budgetMs === undefined ? Infinity : performance.now() + options.budgetMs;
    this.maxFailures = failuresAllowed(text.length);
  }

  run(): ScanResult {
    this.scanRange(this.text, 0, this.text.length, true, (candidate, encoding) => this.add(candidate, encoding));
    this.findings.sort((a, b) => a.start - b.start);
    return { findings: this.findings, complete: this.complete };
  }

  private add({ key, family, start, end }: KeyCandidate, encoding: KeyEncoding): void {
    // A base64 run cut at its size limit is re-read a little: the same key may come twice.
    const id = `${start}\0${key}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.findings.push(new KeyFinding(key, family.kind, start, end, encoding, isAllowedByMarker(this.text, start, end)));
  }

  private outOfTime(iteration: number): boolean {
    if ((iteration & 63) !== 0 || performance.now() < this.deadline) return false;
    this.complete = false;
    return true;
  }

  /**
   * Finds keys in `text` between `from` and `to` (hits must start before `to`). `text` is the scanned
   * text itself, or a decoded base64 run (then `withBase64` is false).
   */
  private scanRange(text: string, from: number, to: number, withBase64: boolean, found: (candidate: KeyCandidate, encoding: KeyEncoding) => void): void {
    let pattern = this.pickPattern(withBase64);
    pattern.lastIndex = from;
    let decodedUpTo = 0;
    for (let iteration = 1; ; iteration++) {
      if (this.outOfTime(iteration)) return;
      const match = pattern.exec(text);
      if (match === null || match.index >= to) return;
      const hit = match.index;
      const groups = match.groups ?? {};
      if (groups.plain !== undefined) {
        pattern.lastIndex = this.plainHit(text, hit, found);
      } else if (groups.joined !== undefined) {
        const candidate = readJoinedKey(text, hit);
        if (candidate) {
          found(candidate, 'concatenated');
          pattern.lastIndex = candidate.end;
        } else if (++this.failedJoins === this.maxFailures) {
          // A file full of `"sk-" + "…"` chains that are not keys is crafted: stop following joins.
          pattern = this.switchPattern(pattern, withBase64);
        }
      } else {
        const marker = base64MarkerAt(text, hit);
        const runEnd = base64RunEnd(text, hit, hit + encodedTail);
        if (runEnd - hit < encodedTail) {
          // Too short to encode a key: skip the whole run, however many markers it holds.
          pattern.lastIndex = runEnd;
          if (++this.failedBase64 === this.maxFailures) pattern = this.switchPattern(pattern, withBase64);
          continue;
        }
        // A long run is decoded in overlapping chunks, each character a bounded number of times.
        for (let run = marker && decodeRunAt(text, hit, marker, decodedUpTo); run; run = run.cut ? nextChunk(text, run) : undefined) {
          this.keysInRun(run, found);
          decodedUpTo = run.end;
          if (this.outOfTime(0)) return;
        }
        pattern.lastIndex = Math.max(pattern.lastIndex, decodedUpTo);
      }
    }
  }

  private pickPattern(withBase64: boolean): RegExp {
    const joins = this.failedJoins < this.maxFailures;
    const base64 = withBase64 && this.failedBase64 < this.maxFailures;
    return base64 ? (joins ? patterns.all : patterns.noJoins) : joins ? patterns.noBase64 : patterns.plainOnly;
  }

  /** The pattern after a budget ran out, continuing where `current` stands. */
  private switchPattern(current: RegExp, withBase64: boolean): RegExp {
    const next = this.pickPattern(withBase64);
    next.lastIndex = current.lastIndex;
    return next;
  }

  /**
   * A plain hit: `sk-ant-<family>-` and a body's worth of key characters at `hit`. Returns where the
   * regex continues. A key must end where the key alphabet ends; when the run goes on, only a key that
   * ends at the run's end is possible, so the regex continues just far enough before it.
   */
  private plainHit(text: string, hit: number, found: (candidate: KeyCandidate, encoding: KeyEncoding) => void): number {
    const prefixLength = text.indexOf('-', hit + keyMarker.length) + 1 - hit;
    const end = hit + prefixLength + keyBodyLength;
    if (end < text.length && isKeyChar(text.charCodeAt(end))) {
      const runEnd = keyRunEndFast(text, end);
      return Math.max(hit + 1, runEnd - maxKeyLength);
    }
    const key = text.slice(hit, end);
    const family = acceptKey(key);
    if (family) found({ family, key, start: hit, end, pieces: 1 }, 'plain');
    return end;
  }

  /** Keys in a decoded base64 run, and plain keys written inside the run's characters. */
  private keysInRun(run: DecodedRun, found: (candidate: KeyCandidate, encoding: KeyEncoding) => void): void {
    // Every family prefix ends in `01-` or `03-`: base64 of `sk-ant-` repeated is decoded, never scanned.
    if (familyEndings.some((ending) => run.decoded.includes(ending))) {
      this.scanRange(run.decoded, 0, run.decoded.length, false, (candidate) => {
        found({ ...candidate, ...encodedRange(run, candidate.start, candidate.end) }, 'base64');
      });
    }
    // The key alphabet is part of base64's, so a plain key can sit inside a base64 run.
    if (this.text.slice(run.start, run.end).includes(keyMarker)) {
      this.scanRange(this.text, run.start, run.end, false, found);
    }
  }
}
