/**
 * Rules for key profile names ("dev", "staging", "prod"). Names are shown in the status bar and
 * quick picks, and become part of a SecretStorage key, so they stay short and printable.
 */

export const maxProfileNameLength = 40;

/** The profile a first key goes into when the user never named one. */
export const defaultProfileName = 'default';

/**
 * Where `Set API Key` stores a key: the named profile, else the active one, else "default". When that
 * is an existing profile the user neither named nor has active (after clearing the active one, say),
 * `replacesUnseen` is set so the command asks before a key the user is not looking at is replaced.
 */
export function setKeyTarget(named: string | undefined, active: string | undefined, existing: readonly string[]): { profile: string; replacesUnseen: boolean } {
  const profile = named?.trim() || active || defaultProfileName;
  return { profile, replacesUnseen: !named?.trim() && profile !== active && existing.includes(profile) };
}

/** Returns why `name` cannot be used (for an input box's validation), or undefined when it is fine. */
export function profileNameProblem(name: string, existing: readonly string[], renaming?: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Give the profile a name, e.g. dev, staging or prod.';
  if (trimmed.length > maxProfileNameLength) return `Keep the name under ${maxProfileNameLength + 1} characters.`;
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u.test(trimmed)) {
    return 'Use letters, digits, spaces, dots, dashes and underscores, starting with a letter or digit.';
  }
  const clash = existing.find((other) => other.toLowerCase() === trimmed.toLowerCase() && other !== renaming);
  if (clash) return `A profile named "${clash}" already exists.`;
  return undefined;
}

/** Profiles in display order: alphabetical, ignoring case. */
export function sortProfileNames(names: Iterable<string>): string[] {
  return [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}
