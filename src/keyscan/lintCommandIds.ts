/**
 * Commands behind the key quick fixes. They take arguments from the code action, so they are not
 * contributed to the Command Palette (the public commands live in src/commandIds.ts).
 */
export const LintCommandIds = {
  moveToKeyProfile: 'claudeApi.keyScan.moveToKeyProfile',
  addToGitignore: 'claudeApi.keyScan.addToGitignore',
} as const;
