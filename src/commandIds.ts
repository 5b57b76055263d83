/** Every command the extension contributes, in one place (ids match package.json `contributes.commands`). */
export const CommandIds = {
  showLog: 'claudeApi.showLog',
  setApiKey: 'claudeApi.setApiKey',
  clearApiKey: 'claudeApi.clearApiKey',
  verifyApiKey: 'claudeApi.verifyApiKey',
  addKeyProfile: 'claudeApi.addKeyProfile',
  switchKeyProfile: 'claudeApi.switchKeyProfile',
  renameKeyProfile: 'claudeApi.renameKeyProfile',
  deleteKeyProfile: 'claudeApi.deleteKeyProfile',
  importApiKeyFromEnv: 'claudeApi.importApiKeyFromEnv',
  manageApiKeys: 'claudeApi.manageApiKeys',
  chatNew: 'claudeApi.chat.new',
  chatClearHistory: 'claudeApi.chat.clearHistory',
  lensShowDetails: 'claudeApi.lens.showDetails',
  usageShow: 'claudeApi.usage.show',
  usageResetSession: 'claudeApi.usage.resetSession',
  usageSwitchStatusBar: 'claudeApi.usage.switchStatusBar',
  usageExportCsv: 'claudeApi.usage.exportCsv',
  scanWorkspace: 'claudeApi.scanWorkspace',
  scanGitHistory: 'claudeApi.scanGitHistory',
  walkthroughOpenPromptSample: 'claudeApi.walkthrough.openPromptSample',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
