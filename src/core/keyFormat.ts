/**
 * Shape checks for a key the user pastes, from the formats in docs/anthropic-api.md.
 * A wrong-looking key only earns a warning: gateways and proxies (`claudeApi.baseUrl`) may use keys
 * of their own format, so the user can always insist.
 */

/** What a pasted string most likely is, judged by its prefix and length. */
export type KeyKind = 'apiKey' | 'adminKey' | 'oauthAccessToken' | 'oauthRefreshToken' | 'sessionCookie' | 'otherAnthropic' | 'unknown';

export interface KeyFormatCheck {
  /** The key with surrounding whitespace and quotes removed: what should be stored. */
  key: string;
  kind: KeyKind;
  /**
   * `ok`: looks like a Claude API key. `warning`: could still work (e.g. through a gateway), ask first.
   * `invalid`: can never be a key (empty, or contains whitespace/control characters).
   */
  verdict: 'ok' | 'warning' | 'invalid';
  /** Why it is not `ok`, in words for the user; never contains the key. */
  problem?: string;
}

/** `sk-ant-api03-` + 93 characters of the URL-safe alphabet ending in `AA`: 108 characters. */
const apiKeyPattern = /^sk-ant-api03-[A-Za-z0-9_-]{93}AA$/;
const adminKeyPattern = /^sk-ant-admin01-[A-Za-z0-9_-]{93}AA$/;
export const apiKeyLength = 108;

const prefixKinds: [prefix: string, kind: KeyKind, explanation: string][] = [
  ['sk-ant-admin01-', 'adminKey', 'This is an Admin API key: it manages an organization and cannot call the Messages API.'],
  ['sk-ant-oat01-', 'oauthAccessToken', 'This is an OAuth access token (e.g. from Claude Code), not an API key.'],
  ['sk-ant-ort01-', 'oauthRefreshToken', 'This is an OAuth refresh token, not an API key.'],
  ['sk-ant-sid01-', 'sessionCookie', 'This is a claude.ai session cookie, not an API key.'],
];

/** Checks a pasted key. Never throws; never echoes the key in `problem`. */
export function checkKeyFormat(input: string): KeyFormatCheck {
  const key = stripWrapping(input);
  if (key.length === 0) return { key, kind: 'unknown', verdict: 'invalid', problem: 'The key is empty.' };
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we reject
  if (/[\s\x00-\x1f\x7f]/.test(key)) {
    return { key, kind: 'unknown', verdict: 'invalid', problem: 'The key contains spaces or line breaks; paste it again as one piece.' };
  }
  if (apiKeyPattern.test(key)) return { key, kind: 'apiKey', verdict: 'ok' };
  for (const [prefix, kind, explanation] of prefixKinds) {
    if (!key.startsWith(prefix)) continue;
    const shape = kind === 'adminKey' && !adminKeyPattern.test(key) ? ' It is also not complete.' : '';
    return { key, kind, verdict: 'warning', problem: explanation + shape };
  }
  if (key.startsWith('sk-ant-api03-')) {
    return { key, kind: 'apiKey', verdict: 'warning', problem: describeBrokenApiKey(key) };
  }
  if (key.startsWith('sk-ant-')) {
    return {
      key,
      kind: 'otherAnthropic',
      verdict: 'warning',
      problem: 'This is an Anthropic credential of an unusual kind; Claude API keys start with `sk-ant-api03-`.',
    };
  }
  return {
    key,
    kind: 'unknown',
    verdict: 'warning',
    problem: 'This does not look like a Claude API key (they start with `sk-ant-api03-`). Keep it only if your gateway issues its own keys.',
  };
}

function describeBrokenApiKey(key: string): string {
  if (key.length !== apiKeyLength) {
    return `The key has ${key.length} characters; Claude API keys have ${apiKeyLength}. Part of it may be missing.`;
  }
  if (!key.endsWith('AA')) return 'Claude API keys end in `AA`; this one does not, so it may be cut off or altered.';
  return 'The key contains characters Claude API keys never contain.';
}

/** People paste keys with quotes or `KEY=` from .env files; keep only the key itself. */
function stripWrapping(input: string): string {
  let key = input.trim();
  const assignment = /^(?:export\s+)?ANTHROPIC_API_KEY\s*=\s*/.exec(key);
  if (assignment) key = key.slice(assignment[0].length).trim();
  const quoted = /^(['"`])(.*)\1$/s.exec(key);
  if (quoted) key = quoted[2].trim();
  return key;
}
