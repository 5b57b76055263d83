/**
 * The Anthropic credential families we look for (docs/anthropic-api.md, "Key formats"). Every family
 * has the same exact shape: its prefix, then 93 characters of the key alphabet, then `AA`, and no
 * key-alphabet character on either end of the body (a longer run is not a key). gitleaks, trufflehog and
 * secretlint all anchor on this shape; a near-miss (too short, too long, no `AA`) is never a finding.
 */

/** What a finding is; also the rule id in SARIF output. */
export type KeyKind =
  | 'anthropic-api-key'
  | 'anthropic-admin-key'
  | 'anthropic-api01-key'
  | 'anthropic-oauth-access-token'
  | 'anthropic-oauth-refresh-token'
  | 'anthropic-session-id';

export interface KeyFamily {
  kind: KeyKind;
  /** Everything before the random body, e.g. `sk-ant-api03-`. */
  prefix: string;
  /** Words for people: "Claude API key". */
  label: string;
}

/** Every credential starts with this. */
export const keyMarker = 'sk-ant-';

/** Length of every key body after its prefix: 93 random characters and `AA`. */
export const keyBodyLength = 95;

/** The fixed end of every key body. */
export const keyBodySuffix = 'AA';

export const keyFamilies: readonly KeyFamily[] = [
  { kind: 'anthropic-api-key', prefix: 'sk-ant-api03-', label: 'Claude API key' },
  { kind: 'anthropic-admin-key', prefix: 'sk-ant-admin01-', label: 'Anthropic Admin API key' },
  { kind: 'anthropic-api01-key', prefix: 'sk-ant-api01-', label: 'Anthropic API key (api01)' },
  { kind: 'anthropic-oauth-access-token', prefix: 'sk-ant-oat01-', label: 'Anthropic OAuth access token' },
  { kind: 'anthropic-oauth-refresh-token', prefix: 'sk-ant-ort01-', label: 'Anthropic OAuth refresh token' },
  { kind: 'anthropic-session-id', prefix: 'sk-ant-sid01-', label: 'claude.ai session cookie' },
];

/** The family names between `sk-ant-` and the body's dash, as a regex alternation. */
export const familyNamesPattern = keyFamilies.map((family) => family.prefix.slice(keyMarker.length, -1)).join('|');

/** Longest whole key (prefix and body). */
export const maxKeyLength = Math.max(...keyFamilies.map((family) => family.prefix.length)) + keyBodyLength;

/** The key alphabet (URL-safe base64: letters, digits, `_` and `-`) as a regex character class body. */
export const keyCharClass = 'A-Za-z0-9_-';

/**
 * The key alphabet. The end of a key is wherever this alphabet ends, whatever character follows
 * (quote, `&`, `>`, `,`, `\`, end of text).
 */
export function isKeyChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 45 || // -
    code === 95 // _
  );
}

/** The family whose prefix `text` starts with at `offset`, if any. */
export function familyAt(text: string, offset: number): KeyFamily | undefined {
  for (const family of keyFamilies) if (text.startsWith(family.prefix, offset)) return family;
  return undefined;
}

export function familyOfKind(kind: KeyKind): KeyFamily {
  const family = keyFamilies.find((candidate) => candidate.kind === kind);
  if (!family) throw new Error(`unknown key kind ${kind}`);
  return family;
}
