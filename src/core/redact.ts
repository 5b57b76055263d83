/**
 * A key shown to people: its family prefix, an ellipsis and the last four characters
 * (`sk-ant-api03-…Ab12`). Enough to tell keys apart, useless to an attacker.
 */
export function redactKey(key: string): string {
  const trimmed = key.trim();
  const prefix = /^sk-ant-[a-z]+\d*-/.exec(trimmed)?.[0] ?? '';
  if (trimmed.length - prefix.length <= 8) return `${prefix}…`;
  return `${prefix}…${trimmed.slice(-4)}`;
}
