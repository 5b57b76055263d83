/**
 * The Anthropic credential families we look for (docs/anthropic-api.md, "Key formats").
 * `sk-ant-api03-` and `sk-ant-admin01-` keys have a known shape: 93 characters of the key alphabet
 * followed by `AA`. The other families are recognised by prefix and a long random body.
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
  /** Length of the body (after the prefix) when the family's shape is known. */
  bodyLength?: number;
}

/** Every credential starts with this; the cheap `indexOf` prefilter looks for it. */
export const keyMarker = 'sk-ant-';

export const keyFamilies: readonly KeyFamily[] = [
  { kind: 'anthropic-api-key', prefix: 'sk-ant-api03-', label: 'Claude API key', bodyLength: 95 },
  { kind: 'anthropic-admin-key', prefix: 'sk-ant-admin01-', label: 'Anthropic Admin API key', bodyLength: 95 },
  { kind: 'anthropic-api01-key', prefix: 'sk-ant-api01-', label: 'Anthropic API key (api01)' },
  { kind: 'anthropic-oauth-access-token', prefix: 'sk-ant-oat01-', label: 'Anthropic OAuth access token' },
  { kind: 'anthropic-oauth-refresh-token', prefix: 'sk-ant-ort01-', label: 'Anthropic OAuth refresh token' },
  { kind: 'anthropic-session-id', prefix: 'sk-ant-sid01-', label: 'claude.ai session cookie' },
];

/** Shortest body we treat as a credential; shorter runs are doc placeholders such as `sk-ant-api03-...`. */
export const minBodyLength = 40;

/** Longest body we accept; a longer run of the key alphabet is a data blob, not a key. */
export const maxBodyLength = 300;

/**
 * The key alphabet (URL-safe base64: letters, digits, `_` and `-`). The end of a key is wherever
 * this alphabet ends, whatever character follows (quote, `&`, `>`, `,`, `\`, end of text).
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
