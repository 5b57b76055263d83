import * as vscode from 'vscode';

/** The section all our settings live under: `claudeApi.*`. */
export const configSection = 'claudeApi';

/**
 * Typed, live view of the extension's settings (mirrors `contributes.configuration` in package.json).
 * Getters read the current value every time, so nothing needs to be cached or refreshed.
 */
export class Config {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(configSection);
  }

  /** Base URL of the Messages API; empty means the SDK's default (`https://api.anthropic.com`). */
  get baseUrl(): string {
    return this.section.get<string>('baseUrl', '').trim();
  }

  /** Whether a configuration change touches one of our keys (`key` relative to `claudeApi.`). */
  static changed(event: vscode.ConfigurationChangeEvent, key?: string): boolean {
    return event.affectsConfiguration(key ? `${configSection}.${key}` : configSection);
  }
}
