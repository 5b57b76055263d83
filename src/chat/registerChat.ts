import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { Ctx } from '../ctx';
import { parseFromWebview } from '../shared/chatProtocol';
import type { ChatApi } from './chatApi';
import { chatApiVerbs } from './chatApi';
import { registerChatHistory } from './chatHistoryCommands';
import { registerAttachmentCommands } from './attachmentCommands';
import { ChatHost } from './chatHost';
import { ChatViewProvider } from './chatViewProvider';
import type { StoreProblem } from '../core/chat/conversationStore';
import { ConversationStore } from '../core/chat/conversationStore';
import type { PageEnvironment } from './pageMessages';
import { handlePageMessage } from './pageMessages';

/** Registers the sidebar chat view and its commands; returns the chat part of the extension API. */
export function registerChat(ctx: Ctx): ChatApi {
  const storageDir = path.join(ctx.extension.globalStorageUri.fsPath, 'chat');
  const store = new ConversationStore(storageDir);
  const host = new ChatHost(
    {
      store,
      log: ctx.log,
      getClient: () => ctx.client.get(),
      usage: ctx.usage,
      classify: (error) => ctx.classifyApiError(error),
      keyState: async () => {
        const profile = await ctx.keys.activeProfile();
        // The profile name only: not even the masked key goes to the page.
        return profile ? { hasKey: true, profileName: profile.name } : { hasKey: false };
      },
      defaults: () => ({ model: ctx.config.chatDefaultModel, maxTokens: ctx.config.chatMaxTokens }),
    },
    (problems) => reportProblems(ctx, problems),
  );
  ctx.register({ dispose: () => host.dispose() });
  const environment: PageEnvironment = { log: ctx.log, showLog: () => ctx.log.show(), baseUrl: () => ctx.config.baseUrl };

  ctx.register(
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewType, new ChatViewProvider(host, ctx.extension.extensionUri, environment, vscode.Uri.joinPath(ctx.extension.globalStorageUri, 'chat', 'attachments')), {
      // Keeps a streaming reply's page alive while the sidebar shows another view.
      webviewOptions: { retainContextWhenHidden: true },
    }),
  );
  ctx.register(ctx.keys.onDidChange(() => void host.session.keysChanged()));
  ctx.registerCommand(CommandIds.chatNew, async () => {
    await vscode.commands.executeCommand(`${ChatViewProvider.viewType}.focus`);
    await host.session.newConversation();
  });
  const history = registerChatHistory(ctx, () => host.loaded());
  registerAttachmentCommands(ctx, () => host.loaded());
  // Read the conversations soon after start-up (off the activation path), so a damaged store is reported
  // even before the chat is opened, and conversations past the retention period go.
  const timer = setTimeout(
    () => void history.pruneExpired().catch((error: unknown) => ctx.log.error(`chat: loading failed: ${String(error)}`)),
    2000,
  );
  ctx.register({ dispose: () => clearTimeout(timer) });

  const verbs = Object.fromEntries(
    chatApiVerbs.map((verb) => [verb, async (...args: unknown[]) => ((await host.loaded())[verb] as (...args: unknown[]) => unknown)(...args)]),
  ) as Pick<ChatApi, (typeof chatApiVerbs)[number]>;
  return {
    ...verbs,
    storageDir,
    isBusy: () => host.session.isBusy,
    reload: () => host.reload(),
    onDidPostMessage(listener) {
      const unsubscribe = host.onMessage(listener);
      return { dispose: unsubscribe };
    },
    async receiveFromPage(raw) {
      const message = parseFromWebview(raw);
      if (!message) return false;
      await handlePageMessage(await host.loaded(), environment, message);
      return true;
    },
  };
}

/** Tells the user, once per load, which conversation files were damaged and where they went. */
function reportProblems(ctx: Ctx, problems: StoreProblem[]): void {
  const moved = problems.filter((problem) => problem.movedTo).length;
  const message =
    problems.length === 1
      ? `Claude API: a saved chat could not be read and was set aside (${problems[0].reason}).`
      : `Claude API: ${problems.length} saved chats could not be read and were set aside.`;
  void vscode.window.showWarningMessage(`${message}${moved > 0 ? ' The damaged files were renamed *.corrupt-<time> next to the others.' : ''}`, 'Show Log').then((choice) => {
    if (choice) ctx.log.show();
  });
}
