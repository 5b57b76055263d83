import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/**
 * Allow-listing beyond the inline marker (JSON has no comments): a file at the root of the scanned
 * folder or repository, `.claude-keyscanignore`, lists path globs and key fingerprints
 * (`sha256:…`, as every report shows them); gitleaks' `.gitleaksignore` (`[commit:]file:rule:line`)
 * is honoured too, so a team that already uses gitleaks keeps its decisions. A baseline file (the
 * JSON report of an earlier run, or a list of fingerprints) allows every key it names.
 */
export const allowListFile = '.claude-keyscanignore';
export const gitleaksIgnoreFile = '.gitleaksignore';

export interface AllowList {
  /** True when a key with this fingerprint at `relative`:`line` (root-relative, `/`-separated) is allowed. */
  allows(relative: string, line: number, fingerprint: string): boolean;
}

const fingerprintPattern = /^sha256:[0-9a-f]{64}$/;

/** Parses `.claude-keyscanignore` text: fingerprints and path globs, `#` comments. */
export function parseAllowList(text: string): { fingerprints: string[]; globs: string[] } {
  const fingerprints: string[] = [];
  const globs: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (fingerprintPattern.test(line)) fingerprints.push(line);
    else globs.push(line.replace(/^\//, ''));
  }
  return { fingerprints, globs };
}

/** Parses `.gitleaksignore`: `file:rule:line`, optionally led by a commit (history findings). */
export function parseGitleaksIgnore(text: string): { file: string; line: number }[] {
  const entries: { file: string; line: number }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:[0-9a-f]{7,40}:)?(.+):[^:]+:(\d+)$/.exec(line);
    if (match) entries.push({ file: match[1], line: Number(match[2]) });
  }
  return entries;
}

/** Fingerprints in a baseline: a JSON array of findings (`--format json`) or one fingerprint per line. */
export function parseBaseline(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const rows = JSON.parse(trimmed) as unknown;
    if (!Array.isArray(rows)) return [];
    return rows.map((row) => (row as { fingerprint?: unknown }).fingerprint).filter((f): f is string => typeof f === 'string' && fingerprintPattern.test(f));
  }
  return parseAllowList(text).fingerprints;
}

export function buildAllowList(parts: { fingerprints?: readonly string[]; globs?: readonly string[]; locations?: readonly { file: string; line: number }[] }): AllowList {
  const fingerprints = new Set(parts.fingerprints ?? []);
  const globs = parts.globs?.length ? picomatch([...parts.globs], { dot: true }) : undefined;
  const locations = new Set((parts.locations ?? []).map(({ file, line }) => `${file}\0${line}`));
  return {
    allows: (relative, line, fingerprint) => fingerprints.has(fingerprint) || (globs?.(relative) ?? false) || locations.has(`${relative}\0${line}`),
  };
}

function readOptional(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The allow list of a root folder (its `.claude-keyscanignore` and `.gitleaksignore`), plus baseline fingerprints. */
export function loadAllowList(root: string, baselineFingerprints: readonly string[] = []): AllowList {
  const own = parseAllowList(readOptional(path.join(root, allowListFile)) ?? '');
  const gitleaks = parseGitleaksIgnore(readOptional(path.join(root, gitleaksIgnoreFile)) ?? '');
  return buildAllowList({ fingerprints: [...own.fingerprints, ...baselineFingerprints], globs: own.globs, locations: gitleaks });
}
