/**
 * Is a key body random (a real key) or a placeholder of the right shape (`XXXX…`, `abcdefgh…`,
 * `a1B2a1B2…`, words)? Judged by measures of randomness, never by a list of words: a real body of
 * 93 characters drawn from 64 symbols has ~49 distinct characters and ~5.3 bits of entropy per
 * character, almost no ascending runs and almost no repeated trigrams.
 */

export interface BodyRandomness {
  /** Distinct characters divided by what a uniformly random body of this length would show. */
  distinctRatio: number;
  /** Shannon entropy in bits per character. */
  entropyBits: number;
  /** Share of neighbouring pairs that step by one code point (`ab`, `12`): keyboard and alphabet walks. */
  sequentialShare: number;
  /** Distinct trigrams divided by the number of trigrams: low when a pattern repeats. */
  trigramRatio: number;
}

const alphabetSize = 64;

/** Expected number of distinct symbols in `length` uniform draws from the key alphabet. */
function expectedDistinct(length: number): number {
  return alphabetSize * (1 - Math.pow(1 - 1 / alphabetSize, length));
}

// Scratch tables reused by every call: a crafted file can hold thousands of key-shaped placeholders,
// so judging one must not allocate (a Map and a Set per body made this the scanner's slowest step).
const counts = new Uint16Array(128);
const trigramSlots = 512;
const trigramKeys = new Int32Array(trigramSlots);
const trigramStamps = new Uint32Array(trigramSlots);
let stamp = 0;

/** Adds a trigram to the scratch set; true when it was not there yet. */
function addTrigram(key: number): boolean {
  let slot = Math.imul(key, 0x9e3779b1) >>> 23; // 9 bits: 0..511
  for (;;) {
    if (trigramStamps[slot] !== stamp) {
      trigramStamps[slot] = stamp;
      trigramKeys[slot] = key;
      return true;
    }
    if (trigramKeys[slot] === key) return false;
    slot = (slot + 1) & (trigramSlots - 1);
  }
}

export function measureRandomness(body: string): BodyRandomness {
  // Beyond the scratch table's capacity a body is not a key anyway; measure its first part.
  const length = Math.min(body.length, trigramSlots / 2);
  counts.fill(0);
  stamp = (stamp + 1) >>> 0 || 1;
  let distinct = 0;
  let sequential = 0;
  let distinctTrigrams = 0;
  for (let i = 0; i < length; i++) {
    const code = body.charCodeAt(i) & 127;
    if (counts[code]++ === 0) distinct++;
    if (i > 0 && Math.abs(code - (body.charCodeAt(i - 1) & 127)) === 1) sequential++;
    if (i >= 2 && addTrigram(((body.charCodeAt(i - 2) & 127) << 14) | ((body.charCodeAt(i - 1) & 127) << 7) | code)) distinctTrigrams++;
  }
  let entropyBits = 0;
  for (let code = 0; code < 128; code++) {
    const count = counts[code];
    if (count === 0) continue;
    const p = count / length;
    entropyBits -= p * Math.log2(p);
  }
  return {
    distinctRatio: length === 0 ? 0 : distinct / expectedDistinct(length),
    entropyBits,
    sequentialShare: length < 2 ? 1 : sequential / (length - 1),
    trigramRatio: length < 3 ? 0 : distinctTrigrams / (length - 2),
  };
}

/**
 * True when the body is random enough to be a real credential. The thresholds sit many standard
 * deviations below what random bodies show (distinct ratio ~1.0, entropy ~5.3 bits at 93 characters,
 * sequential share ~3 %, trigram ratio ~1.0), so real keys pass, while placeholders fail at least one.
 */
export function looksRandom(body: string): boolean {
  const measured = measureRandomness(body);
  const maxEntropy = Math.log2(Math.min(body.length, alphabetSize));
  return (
    measured.distinctRatio >= 0.6 &&
    measured.entropyBits >= 0.75 * maxEntropy &&
    measured.sequentialShare <= 0.3 &&
    measured.trigramRatio >= 0.85
  );
}
