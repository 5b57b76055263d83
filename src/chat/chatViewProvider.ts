import type * as vscode from 'vscode';
import type { ToWebviewMessage } from '../shared/chatProtocol';
import { parseFromWebview } from '../shared/chatProtocol';
import type { ChatHost } from './chatHost';
import { chatHtml, chatResourceRoots } from './chatHtml';
import type { PageEnvironment } from './pageMessages';
import { handlePageMessage } from './pageMessages';

/** The sidebar chat: hosts the page and connects it to the chat session through the typed protocol. */
export class ChatViewProvider implements vscode.WebviewViewProvider {
  static readonly viewType = 'claudeApi.chatView';

  constructor(
    private readonly host: ChatHost,
    private readonly extensionUri: vscode.Uri,
    private readonly environment: PageEnvironment,
    /** Where attachment files are stored: the page shows image thumbnails from there. */
    private readonly attachmentsDir: vscode.Uri,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    const webview = view.webview;
    webview.options = { enableScripts: true, localResourceRoots: chatResourceRoots(this.extensionUri, this.attachmentsDir) };
    const attachmentsBaseUri = webview.asWebviewUri(this.attachmentsDir).toString();
    webview.html = chatHtml({ webview, extensionUri: this.extensionUri });

    // Nothing goes to the page before it says `ready` (it would be lost); after a reload of the page it
    // says `ready` again and gets the whole state again.
    let ready = false;
    const post = (message: ToWebviewMessage) => {
      if (ready) void webview.postMessage(message);
    };
    const sendState = async () => {
      const state = { ...(await (await this.host.loaded()).state()), attachmentsBaseUri };
      void webview.postMessage({ type: 'didInitialize', state } satisfies ToWebviewMessage);
      // The first page to connect also learns the model list the key can use.
      void this.host.session.refreshModels();
    };
    const subscriptions = [
      this.host.onMessage(post),
      this.host.onDidReload(() => {
        if (ready) void sendState();
      }),
    ];
    const receiving = webview.onDidReceiveMessage((raw: unknown) => {
      const message = parseFromWebview(raw);
      if (!message) {
        this.environment.log.warn(`chat: dropped a malformed message from the page (${describe(raw)})`);
        return;
      }
      if (message.type === 'ready') {
        ready = true;
        void sendState().catch((error: unknown) => this.environment.log.error(`chat: could not send the state to the page: ${String(error)}`));
        return;
      }
      void handlePageMessage(this.host.session, this.environment, message);
    });
    view.onDidDispose(() => {
      ready = false;
      receiving.dispose();
      for (const unsubscribe of subscriptions) unsubscribe();
    });
  }
}

/** A short description of a rejected message for the log (its type, never its content). */
function describe(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && 'type' in raw && typeof raw.type === 'string') return `type "${raw.type.slice(0, 40)}"`;
  return typeof raw;
}
