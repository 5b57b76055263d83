import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { ApiErrorInfo } from '../core/apiErrors';
import { classifyApiError } from '../core/apiErrors';
import type { UsageRecorder } from '../core/usage/requestUsage';
import type { Ctx } from '../ctx';
import type { KeyState } from '../shared/chatProtocol';
import { parseFromWebview } from '../shared/chatProtocol';
import type { ChatApi } from './chatApi';
import type { ChatClient } from '../core/chat/chatClient';
import { registerChatHistory } from './chatHistoryCommands';
import { ChatHost } from './chatHost';
import { ChatViewProvider } from './chatViewProvider';
import type { StoreProblem } from '../core/chat/conversationStore';
import { ConversationStore } from '../core/chat/conversationStore';
import { handlePageMessage } from './pageMessages';

/** What the chat needs from the key, client and usage features. */
export interface ChatServices {
  getClient(): Promise<ChatClient>;
  keyState(): Promise<KeyState>;
  onDidChangeKeys(listener: () => void): vscode.Disposable;
  usage(): UsageRecorder | undefined;
}

/** Registers the sidebar chat view and its commands; returns the chat part of the extension API. */
export function registerChat(ctx: Ctx, services: ChatServices): ChatApi {
  const storageDir = path.join(ctx.extension.globalStorageUri.fsPath, 'chat');
  const classify = (error: unknown): ApiErrorInfo => classifyApiError(error, { baseUrl: ctx.config.baseUrl, knownSecrets: ctx.knownKeys() });
  const host = new ChatHost({
    deps: {
      store: new ConversationStore(storageDir),
      log: ctx.log,
      getClient: () => services.getClient(),
      usage: () => services.usage(),
      classify,
      keyState: () => services.keyState(),
      defaults: () => ({ model: ctx.config.chatDefaultModel, maxTokens: ctx.config.chatMaxTokens }),
    },
    log: ctx.log,
    showLog: () => ctx.log.show(),
    // The snippet names the configured gateway, so it runs against the same server the chat uses.
    snippet: (session, language) => session.snippet(language, { baseUrl: ctx.config.baseUrl }),
    reportProblems: (problems) => reportProblems(ctx, problems),
  });
  ctx.register({ dispose: () => host.dispose() });

  ctx.register(
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewType, new ChatViewProvider(host, ctx.extension.extensionUri, ctx.log), {
      // Keeps a streaming reply's page alive while the sidebar shows another view.
      webviewOptions: { retainContextWhenHidden: true },
    }),
  );
  ctx.register(services.onDidChangeKeys(() => void host.session.keysChanged()));
  ctx.registerCommand(CommandIds.chatNew, async () => {
    await vscode.commands.executeCommand(`${ChatViewProvider.viewType}.focus`);
    await host.session.newConversation();
  });
  const loaded = async () => {
    await host.load();
    return host.session;
  };
  const history = registerChatHistory(ctx, loaded);
  // Read the conversations soon after start-up (off the activation path), so a damaged store is reported
  // even before the chat is opened, and conversations past the retention period go.
  const timer = setTimeout(
    () => void history.pruneExpired().catch((error: unknown) => ctx.log.error(`chat: loading failed: ${String(error)}`)),
    2000,
  );
  ctx.register({ dispose: () => clearTimeout(timer) });
  return {
    storageDir,
    sendMessage: async (text) => (await loaded()).send(text),
    stop: async () => (await loaded()).stop(),
    retry: async () => (await loaded()).retry(),
    continueReply: async () => (await loaded()).continueReply(),
    editLastUserMessage: async (text) => (await loaded()).editLastUserMessage(text),
    newConversation: async () => (await loaded()).newConversation(),
    switchConversation: async (id) => (await loaded()).switchConversation(id),
    deleteConversation: async (id) => (await loaded()).deleteConversation(id),
    changeParameters: async (patch) => (await loaded()).changeParameters(patch),
    activeConversation: async () => (await loaded()).activeConversation(),
    conversations: async () => (await loaded()).conversationList(),
    isBusy: () => host.session.isBusy,
    reload: () => host.reload(),
    onDidPostMessage(listener) {
      const unsubscribe = host.onMessage(listener);
      return { dispose: unsubscribe };
    },
    async receiveFromPage(raw) {
      const message = parseFromWebview(raw);
      if (!message) return false;
      await host.load();
      await handlePageMessage(host.pageContext(), message);
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
