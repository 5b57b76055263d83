/** Every command the extension contributes, in one place (ids match package.json `contributes.commands`). */
export const CommandIds = {
  showLog: 'claudeApi.showLog',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
