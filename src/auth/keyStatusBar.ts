import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { Config } from '../config';
import type { Ctx } from '../ctx';
import { errorMessage } from '../core/errorMessage';

/**
 * The key's state in the status bar: active profile and masked key (`$(key) dev: sk-ant-api03-…Ab12`),
 * or "No Claude API key". Off unless `claudeApi.statusBar.showKey` is on: a window shows one item (the
 * usage meter) by default, and someone who only uses the key lint sees none. Click: manage keys.
 */
export function registerKeyStatusBar(ctx: Ctx): void {
  const item = ctx.register(vscode.window.createStatusBarItem('claudeApi.keyStatus', vscode.StatusBarAlignment.Right, 90));
  item.name = 'Claude API Key';
  item.command = CommandIds.manageApiKeys;
  const update = async () => {
    try {
      const active = await ctx.keys.activeProfile();
      const envKeySet = Boolean(process.env.ANTHROPIC_API_KEY?.trim());
      const tooltip = new vscode.MarkdownString(undefined, true);
      if (active) {
        item.text = `$(key) ${active.name}: ${active.maskedKey}`;
        item.backgroundColor = undefined;
        tooltip.appendMarkdown(`**Claude API key**: profile **${escape(active.name)}** (\`${active.maskedKey}\`), in VS Code's secret storage.\n\n`);
      } else {
        item.text = '$(key) No Claude API key';
        item.backgroundColor = undefined;
        tooltip.appendMarkdown('**No Claude API key is active.** Click to set one.\n\n');
      }
      tooltip.appendMarkdown('The stored key always wins. `ANTHROPIC_API_KEY` is never used on its own');
      tooltip.appendMarkdown(envKeySet ? ': it is set in this environment; import it from the menu to use it.' : '.');
      tooltip.appendMarkdown('\n\nClick to manage keys.');
      item.tooltip = tooltip;
      item.accessibilityInformation = { label: active ? `Claude API key profile ${active.name}` : 'No Claude API key' };
    } catch (error) {
      item.text = '$(warning) Claude key unavailable';
      item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      item.tooltip = errorMessage(error);
    }
    if (ctx.config.statusBarShowKey) item.show();
    else item.hide();
  };
  ctx.register(ctx.keys.onDidChange(() => void update()));
  ctx.register(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (Config.changed(event, 'statusBar.showKey')) void update();
    }),
  );
  void update();
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
