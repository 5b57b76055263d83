import { redactKey } from './redact';

/**
 * Anything shaped like an Anthropic credential: `sk-ant-` and the key alphabet. Texts that may carry a
 * key by accident (server error messages, SDK log lines, stack traces) pass through `scrubKeys`
 * before they reach a log or a notification.
 */
const keyLike = /sk-ant-[A-Za-z0-9_-]{12,}/g;

/** Replaces every key-shaped substring, and the given known secrets, by their masked form. */
export function scrubKeys(text: string, knownSecrets: readonly string[] = []): string {
  let scrubbed = text;
  for (const secret of knownSecrets) {
    // Short strings would mask ordinary words; real keys are long.
    if (secret.length >= 16) scrubbed = scrubbed.split(secret).join(redactKey(secret));
  }
  return scrubbed.replace(keyLike, (match) => redactKey(match));
}
