import { isAllowedByMarker } from './allowMarker';
import { base64Markers, base64RunEnd, decodeRunAt, encodedRange, isBase64Char, nextChunk } from './base64';
import type { Base64Marker, DecodedRun } from './base64';
import { familyNamesPattern, isKeyChar, keyBodyLength, keyCharClass, keyFamilies, keyMarker, maxKeyLength } from './families';
import { KeyFinding } from './finding';
import type { KeyEncoding } from './finding';
import { acceptKey, readJoinedKey } from './readKey';
import type { KeyCandidate } from './readKey';

/*
 * One regex pass finds every place a key can start. Every alternative is a short literal, so V8 skips
 * text without any hit at memory speed; the loop asks the regex with `test()` (no match object is
 * allocated) and tells the alternatives apart by the text just before where the match ended:
 * - a family prefix `sk-ant-<family>-`: a key ends where its run of key characters ends, so the run is
 *   measured once, from its first prefix, and the one place a key of each prefix length can start (its
 *   length before the run's end) is checked. Later prefixes in the same run cost one comparison, so a
 *   run of prefixes just too short for a key is walked once, not once per prefix in it. When the prefix
 *   stands right after a quote, a key joined from string literals may start there too;
 * - one of the three base64 forms of `sk-ant-` (the run around it is measured in code, and a run too
 *   short for a key is skipped whole);
 * - a string literal cut inside a key's prefix (`"sk-" + "ant-api03-…"`), quote on both sides.
 * A crafted file can still make code run per hit (a join or a base64 marker that leads nowhere); after
 * a budget of such work per character, joins and then base64 are no longer followed in that text.
 */
const prefixSource = `sk-ant-(?:${familyNamesPattern})-`;
/** A prefix with at least one key character after it: a bare prefix (`sk-ant-api03-...` in docs) is no hit. */
const prefixHitSource = `${prefixSource}(?=[${keyCharClass}])`;
/** A literal that ends inside a key's prefix: `"sk-`, `"sk-a"`, … `"sk-ant-"` and up to a key's length. */
const joinedSource = `sk-(?<=["'\`]sk-)(?:a(?:n(?:t(?:-[${keyCharClass}]{0,${maxKeyLength}})?)?)?)?(?=["'\`])`;
/** Base64 characters a key needs after its `sk-ant-` marker (its other 100+ bytes, less a group of slack). */
const encodedTail = 128;
const encodedSource = base64Markers.map((marker) => marker.text).join('|');

/** The hit patterns by what is still followed: string joins, base64. */
const patterns = {
  all: new RegExp(`${prefixHitSource}|${encodedSource}|${joinedSource}`, 'g'),
  noJoins: new RegExp(`${prefixHitSource}|${encodedSource}`, 'g'),
  noBase64: new RegExp(`${prefixHitSource}|${joinedSource}`, 'g'),
  plainOnly: new RegExp(prefixHitSource, 'g'),
};
/** The base64 markers alone: looked for inside a run of key characters that is skipped otherwise. */
const markerPattern = new RegExp(encodedSource, 'g');

// Module-level copies: the scan loop reads them for every hit.
const markers = [...base64Markers];
const families = [...keyFamilies];
/** The lengths of the family prefixes, longest first (a key of each length may end where a run ends). */
const prefixLengths = [...new Set(families.map((family) => family.prefix.length))].sort((a, b) => b - a);
const shortestPrefix = Math.min(...prefixLengths);

/** The end of a run of key characters, found by the regex engine (a JavaScript loop is several times slower). */
const keyRun = new RegExp(`[${keyCharClass}]*`, 'y');
function keyRunEndFast(text: string, offset: number): number {
  keyRun.lastIndex = offset;
  keyRun.test(text);
  return keyRun.lastIndex;
}

/** Runs of key characters up to this long are searched for base64 markers on their own. */
const shortRun = 512;

/** Where the first base64 marker in `text` starts, or -1. */
function firstMarkerIn(text: string): number {
  let first = -1;
  for (const marker of markers) {
    const at = text.indexOf(marker.text);
    if (at !== -1 && (first === -1 || at < first)) first = at;
  }
  return first;
}

/** The base64 marker that ends at `end`, and where it starts. */
function markerEndingAt(text: string, end: number): { marker: Base64Marker; start: number } | undefined {
  for (const marker of markers) if (text.startsWith(marker.text, end - marker.text.length)) return { marker, start: end - marker.text.length };
  return undefined;
}

function isQuote(code: number): boolean {
  return code === 34 || code === 39 || code === 96; // " ' `
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

/** How much failed work (string-literal pieces read, base64 runs that held no key) a text may cause before that kind of hit is no longer followed. */
const failuresAllowed = (length: number) => 64 + Math.floor(length / 1024);

type Found = (candidate: KeyCandidate, encoding: KeyEncoding) => void;

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

  /** Looks at the clock every 1024 hits (reading it costs more than handling a hit). */
  private outOfTime(iteration: number): boolean {
    if ((iteration & 1023) !== 0 || this.deadline === Infinity || performance.now() < this.deadline) return false;
    this.complete = false;
    return true;
  }

  private get joins(): boolean {
    return this.failedJoins < this.maxFailures;
  }

  /**
   * Finds keys in `text` between `from` and `to` (hits must start before `to`). `text` is the scanned
   * text itself, or a decoded base64 run (then `withBase64` is false).
   */
  private scanRange(text: string, from: number, to: number, withBase64: boolean, found: Found): void {
    let pattern = this.pickPattern(withBase64);
    pattern.lastIndex = from;
    let decodedUpTo = 0;
    // The end of the last run of key characters judged from its first prefix.
    let judgedRunEnd = -1;
    // Where the next base64 marker starts (at or after `markerFrom`), found once and reused.
    let nextMarker = -1;
    let markerFrom = -1;
    for (let iteration = 1; ; iteration++) {
      if (this.outOfTime(iteration)) return;
      if (!pattern.test(text)) return;
      const matchEnd = pattern.lastIndex;
      const prefixStart = this.prefixEndingAt(text, matchEnd);
      if (prefixStart !== undefined) {
        if (prefixStart >= to) return;
        // A later prefix of a run already judged: the keys of that run are known.
        if (prefixStart < judgedRunEnd) continue;
        judgedRunEnd = this.prefixHit(text, prefixStart, matchEnd, found);
        pattern = this.currentPattern(pattern, withBase64);
        // The rest of the run holds no other hit but a base64 marker: skip to the run's end unless a
        // marker lies inside it. A short run is searched alone; for a long one the next marker in the
        // text is looked for once and reused until the scan passes it, so this stays linear.
        if (judgedRunEnd > matchEnd) {
          // A marker needs a key's worth of base64 after it; a run shorter than that can only hold one
          // if the base64 goes on past the run (`+` and `/` are base64 but not key characters).
          const base64 =
            withBase64 && this.failedBase64 < this.maxFailures && (judgedRunEnd - matchEnd >= encodedTail || isBase64Char(text.charCodeAt(judgedRunEnd)));
          let markerInRun = -1;
          if (base64 && judgedRunEnd - matchEnd <= shortRun) {
            markerInRun = firstMarkerIn(text.slice(matchEnd, judgedRunEnd));
            if (markerInRun !== -1) markerInRun += matchEnd;
          } else if (base64) {
            if (!(markerFrom <= matchEnd && matchEnd <= nextMarker)) {
              markerPattern.lastIndex = matchEnd;
              nextMarker = markerPattern.test(text) ? markerEndingAt(text, markerPattern.lastIndex)!.start : Infinity;
              markerFrom = matchEnd;
            }
            if (nextMarker < judgedRunEnd) markerInRun = nextMarker;
          }
          pattern.lastIndex = markerInRun === -1 ? judgedRunEnd : markerInRun;
        }
        continue;
      }
      const ending = markerEndingAt(text, matchEnd);
      if (ending) {
        const { marker, start: hit } = ending;
        if (hit >= to) return;
        const runEnd = base64RunEnd(text, hit, hit + encodedTail);
        if (runEnd - hit < encodedTail) {
          // Too short to encode a key: skip the whole run, however many markers it holds.
          pattern.lastIndex = runEnd;
          this.failedBase64++;
          pattern = this.currentPattern(pattern, withBase64);
          continue;
        }
        // A long run is decoded in overlapping chunks, each character a bounded number of times.
        let keys = 0;
        for (let run = decodeRunAt(text, hit, marker, decodedUpTo); run; run = run.cut ? nextChunk(text, run) : undefined) {
          keys += this.keysInRun(run, found);
          decodedUpTo = run.end;
          if (this.outOfTime(0)) return;
        }
        pattern.lastIndex = Math.max(pattern.lastIndex, decodedUpTo);
        if (keys === 0) this.failedBase64++;
        pattern = this.currentPattern(pattern, withBase64);
        continue;
      }
      // A literal ending inside a key's prefix: it starts just after the last quote before its end.
      let start = matchEnd - 1;
      while (!isQuote(text.charCodeAt(start - 1))) start--;
      if (start >= to) return;
      this.joinAt(text, start, found);
      pattern = this.currentPattern(pattern, withBase64);
    }
  }

  /** Where the family prefix that ends at `end` starts, if one does. */
  private prefixEndingAt(text: string, end: number): number | undefined {
    if (text.charCodeAt(end - 1) !== 45 /* - */) return undefined;
    for (const length of prefixLengths) if (end >= length && text.startsWith(keyMarker, end - length)) return end - length;
    return undefined;
  }

  /**
   * The first family prefix of a run of key characters, at `start`. A key ends where the run ends, so
   * the only keys in this run are the ones that end there: one candidate per prefix length. A prefix
   * right after a quote may also begin a key joined from string literals. Returns the run's end.
   */
  private prefixHit(text: string, start: number, prefixEnd: number, found: Found): number {
    const runEnd = isKeyChar(text.charCodeAt(prefixEnd)) ? keyRunEndFast(text, prefixEnd) : prefixEnd;
    let keys = 0;
    if (runEnd - start >= shortestPrefix + keyBodyLength) {
      for (const length of prefixLengths) {
        const keyStart = runEnd - length - keyBodyLength;
        if (keyStart < start) continue;
        const key = text.slice(keyStart, runEnd);
        const family = acceptKey(key);
        if (family) {
          found({ family, key, start: keyStart, end: runEnd, pieces: 1 }, 'plain');
          keys++;
        }
      }
    }
    if (keys === 0 && this.joins && isQuote(text.charCodeAt(start - 1)) && isQuote(text.charCodeAt(runEnd))) this.joinAt(text, start, found);
    return runEnd;
  }

  /** Follows a key joined from string literals from `start`; counts the pieces read when none is there. */
  private joinAt(text: string, start: number, found: Found): KeyCandidate | undefined {
    if (!this.joins) return undefined;
    const { candidate, pieces } = readJoinedKey(text, start);
    if (candidate) found(candidate, 'concatenated');
    else this.failedJoins += pieces;
    return candidate;
  }

  private pickPattern(withBase64: boolean): RegExp {
    const base64 = withBase64 && this.failedBase64 < this.maxFailures;
    return base64 ? (this.joins ? patterns.all : patterns.noJoins) : this.joins ? patterns.noBase64 : patterns.plainOnly;
  }

  /** The pattern for what is still followed, continuing where `current` stands (it changes when a budget runs out). */
  private currentPattern(current: RegExp, withBase64: boolean): RegExp {
    const next = this.pickPattern(withBase64);
    if (next !== current) next.lastIndex = current.lastIndex;
    return next;
  }

  /** Keys in a decoded base64 run, and plain keys written inside the run's characters; returns how many. */
  private keysInRun(run: DecodedRun, found: Found): number {
    let keys = 0;
    const count: Found = (candidate, encoding) => {
      keys++;
      found(candidate, encoding);
    };
    this.scanRange(run.decoded, 0, run.decoded.length, false, (candidate) => {
      count({ ...candidate, ...encodedRange(run, candidate.start, candidate.end) }, 'base64');
    });
    // The key alphabet is part of base64's, so a plain key can sit inside a base64 run.
    if (this.text.slice(run.start, run.end).includes(keyMarker)) {
      this.scanRange(this.text, run.start, run.end, false, count);
    }
    return keys;
  }
}
