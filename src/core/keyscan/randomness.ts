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

export function measureRandomness(body: string): BodyRandomness {
  const length = body.length;
  const counts = new Map<number, number>();
  let sequential = 0;
  const trigrams = new Set<string>();
  for (let i = 0; i < length; i++) {
    const code = body.charCodeAt(i);
    counts.set(code, (counts.get(code) ?? 0) + 1);
    if (i > 0 && Math.abs(code - body.charCodeAt(i - 1)) === 1) sequential++;
    if (i >= 2) trigrams.add(body.slice(i - 2, i + 1));
  }
  let entropyBits = 0;
  for (const count of counts.values()) {
    const p = count / length;
    entropyBits -= p * Math.log2(p);
  }
  return {
    distinctRatio: length === 0 ? 0 : counts.size / expectedDistinct(length),
    entropyBits,
    sequentialShare: length < 2 ? 1 : sequential / (length - 1),
    trigramRatio: length < 3 ? 0 : trigrams.size / (length - 2),
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
