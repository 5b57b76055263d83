import * as vscode from 'vscode';
import type { Ctx } from '../ctx';

/**
 * Context keys for `when` clauses, so the command palette offers only the key commands that can run:
 * `claudeApi.hasKey` (a profile is active), `claudeApi.hasKeyProfiles` (any profile stored) and
 * `claudeApi.envKeySet` (`ANTHROPIC_API_KEY` is there to import).
 */
export function registerKeyContextKeys(ctx: Ctx): void {
  const setContext = (key: string, value: boolean) => vscode.commands.executeCommand('setContext', key, value);
  const update = async () => {
    const profiles = await ctx.keys.listProfiles().catch(() => []);
    await setContext('claudeApi.hasKey', profiles.some((profile) => profile.active));
    await setContext('claudeApi.hasKeyProfiles', profiles.length > 0);
  };
  void setContext('claudeApi.envKeySet', Boolean(process.env.ANTHROPIC_API_KEY?.trim()));
  ctx.register(ctx.keys.onDidChange(() => void update()));
  void update();
}
