// Entry of the chat page (bundled to dist/webview/chat.js, styles to dist/webview/chat.css).
//
// What the host's HTML must provide: a CSP with `default-src 'none'`, `script-src 'nonce-…'`,
// `style-src ${webview.cspSource}`, `img-src ${webview.cspSource}` (attachment thumbnails, from the
// attachments folder the view adds to `localResourceRoots`; never remote images), `font-src ${webview.cspSource}`;
// `<link rel="stylesheet" href=".../dist/webview/chat.css">`; the script with the nonce; and an
// empty `<div id="app">` to mount in (a `#chat-root` is created when missing). The page posts
// `ready` once its listener is installed.
//
// DOM contract (stable ids and data attributes for tests; keep in sync with test/e2e):
//   body[data-ready="true"]            set once `didInitialize` has been applied
//   body[data-busy="true|false"]       whether a reply is streaming
//   #chat-header                       #chat-model (select, aria-label "Model"), #chat-refresh-models,
//                                      #chat-models-offline (shown when the list is the built-in one),
//                                      #chat-new, #chat-history-toggle, #chat-settings-toggle,
//                                      details#chat-copy-as-code > button[data-action="copy-as-code"]
//                                        [data-language="typescript|python|curl"][data-target="clipboard|editor"]
//   #chat-history                      panel; li[data-conversation-id] (li.active = open one) with buttons
//                                      [data-action="switch-conversation|rename-conversation|delete-conversation"];
//                                      rename shows input.rename-input + [data-action="save-rename|cancel-rename"]
//   #chat-settings                     panel; #chat-system-prompt, #chat-max-tokens, #chat-thinking,
//                                      #chat-thinking-budget
//   #chat-key-banner                   shown when no key is set; button[data-action="run-action"][data-action-kind="setApiKey"]
//   #chat-notice[data-level]           host notices, with run-action buttons and [data-action="dismiss-notice"]
//   #chat-messages                     the conversation:
//     .turn[data-role="user"][data-turn-id]      .turn-attachments > .attachment-chip (as in the composer, no remove
//                                                button); .user-text; the last one has button[data-action="edit-last"]
//     .turn[data-role="assistant"][data-turn-id][data-status="streaming|complete|interrupted"][aria-busy]
//       .turn-body > .markdown > .md-chunk > .md-block (finished blocks, 32 per chunk), then
//                    .markdown > .md-block.open (the block being written)
//       .turn-body > details.thinking > summary + .thinking-text
//       .code-block > .code-toolbar (.code-language, [data-action="copy-code"], [data-action="insert-code"]) + pre > code
//       .turn-end > .reply-footer (model · tokens · cost), .interrupted-marker ("Stopped"/"Interrupted"),
//                   .turn-error[role="alert"][data-error-kind] > .error-message, .retry-after,
//                   button[data-action="run-action"][data-action-kind] (the host's actions)
//     .turn-actions on the last turn (not while busy): [data-action="retry"], [data-action="continue"] (interrupted only)
//   #chat-live                         visually hidden aria-live="polite" region: finished blocks of the streaming reply
//   #chat-composer                     #chat-input (textarea), #chat-send, #chat-stop, #chat-edit-banner ([data-action="cancel-edit"]),
//                                      #chat-attach ([data-action="attach-files"]), #chat-attachments (hidden when empty) >
//                                      .attachment-chip[data-attachment-id][data-kind="text|image|pdf"][data-missing] >
//                                      img.attachment-thumbnail | .attachment-badge, .attachment-name, .attachment-detail,
//                                      .attachment-tokens ("≈1.6k tok"), button[data-action="remove-attachment"]
//   #app.drop-target                   while files are dragged over the page (drop attaches them; pasting an image too)
import '../../../media/chat.css';
import { isHostMessage } from '../../shared/chatProtocol';
import { vscodeApi } from '../vscodeApi';
import { ChatApp } from './chatApp';
import type { ChatViewState } from './viewState';

function start(): void {
  const vscode = vscodeApi<ChatViewState>();
  const app = new ChatApp(window, vscode);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (isHostMessage(event.data)) app.handle(event.data);
  });
  vscode.postMessage({ type: 'ready' });
}

start();
