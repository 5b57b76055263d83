import type * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { ProfileSummary } from '../core/keyProfiles';

/**
 * The key state other extensions and our tests may read: names and masked keys only. The key itself
 * never leaves the extension; to change keys, run the `claudeApi.*Key*` commands.
 */
export interface KeysApi {
  listProfiles(): Promise<ProfileSummary[]>;
  activeProfile(): Promise<{ name: string; maskedKey: string } | undefined>;
  readonly onDidChange: vscode.Event<void>;
}

export function createKeysApi(ctx: Ctx): KeysApi {
  return {
    listProfiles: () => ctx.keys.listProfiles(),
    activeProfile: () => ctx.keys.activeProfile(),
    onDidChange: ctx.keys.onDidChange,
  };
}
