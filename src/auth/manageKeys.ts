import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { Ctx } from '../ctx';

interface MenuItem extends vscode.QuickPickItem {
  run?: () => Thenable<unknown>;
}

/** `Claude API: Manage API Keys` (the status bar click): switch profile, or pick any key command. */
export function registerManageKeys(ctx: Ctx): void {
  ctx.registerCommand(CommandIds.manageApiKeys, async () => {
    const profiles = await ctx.keys.listProfiles();
    const command = (id: string, args?: unknown) => () => vscode.commands.executeCommand(id, args);
    const items: MenuItem[] = [];
    if (profiles.length > 0) items.push({ label: 'Key profiles', kind: vscode.QuickPickItemKind.Separator });
    for (const profile of profiles) {
      items.push({
        label: `${profile.active ? '$(check)' : '$(blank)'} ${profile.name}`,
        description: profile.maskedKey,
        detail: profile.active ? 'Active' : undefined,
        run: profile.active ? undefined : command(CommandIds.switchKeyProfile, { name: profile.name }),
      });
    }
    items.push({ label: 'Actions', kind: vscode.QuickPickItemKind.Separator });
    const active = profiles.find((profile) => profile.active);
    items.push({ label: '$(key) Set API Key…', description: active ? `for "${active.name}"` : undefined, run: command(CommandIds.setApiKey) });
    if (active) items.push({ label: '$(pass) Verify API Key', description: `"${active.name}"`, run: command(CommandIds.verifyApiKey) });
    items.push({ label: '$(add) Add Key Profile…', run: command(CommandIds.addKeyProfile) });
    if (profiles.length > 0) {
      items.push({ label: '$(edit) Rename Key Profile…', run: command(CommandIds.renameKeyProfile) });
      items.push({ label: '$(trash) Delete Key Profile…', run: command(CommandIds.deleteKeyProfile) });
    }
    if (process.env.ANTHROPIC_API_KEY?.trim()) {
      items.push({
        label: '$(cloud-download) Import ANTHROPIC_API_KEY…',
        detail: 'The variable is set but unused: the extension only uses stored keys.',
        run: command(CommandIds.importApiKeyFromEnv),
      });
    }
    const picked = await vscode.window.showQuickPick(items, { title: 'Claude API keys', placeHolder: 'Switch profile or choose an action' });
    await picked?.run?.();
  });
}
