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
  chatFocus: 'claudeApi.chat.focus',
  lensShowDetails: 'claudeApi.lens.showDetails',
  lensToggle: 'claudeApi.lens.toggle',
  usageShow: 'claudeApi.usage.show',
  usageResetSession: 'claudeApi.usage.resetSession',
  usageSwitchStatusBar: 'claudeApi.usage.switchStatusBar',
  usageExportCsv: 'claudeApi.usage.exportCsv',
  usageReconcile: 'claudeApi.usage.reconcile',
  usageSetAdminKey: 'claudeApi.usage.setAdminKey',
  usageClearAdminKey: 'claudeApi.usage.clearAdminKey',
  scanWorkspace: 'claudeApi.scanWorkspace',
  scanGitHistory: 'claudeApi.scanGitHistory',
  installPreCommitHook: 'claudeApi.installPreCommitHook',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
