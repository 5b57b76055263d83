import type { ChatAction, ChatState, FromWebviewMessage, ToWebviewMessage } from '../../shared/chatProtocol';
import { isSnippetLanguage } from '../../shared/chatProtocol';
import type { VsCodeApi } from '../vscodeApi';
import { ActionButtons } from './actionButtons';
import type { ThumbnailUrl } from './attachmentChips';
import { thumbnailUrl } from './attachmentChips';
import { installAttachmentInput } from './attachmentInput';
import { codeLanguage } from './codeBlocks';
import { Composer } from './composer';
import { ConversationList } from './conversationView';
import { actionButton, actionOf, h } from './dom';
import { FrameScheduler } from './frameScheduler';
import { Header } from './header';
import { HistoryPanel } from './historyPanel';
import { createMarkdownRenderer } from './markdownRenderer';
import { createSanitizer } from './sanitize';
import { SettingsPanel } from './settingsPanel';
import type { TurnDeps } from './turnViews';
import type { ChatViewState } from './viewState';
import { readViewState } from './viewState';

/** How close to the bottom (px) still counts as "at the bottom", so streaming keeps following. */
const stickSlackPx = 32;
/** The live region keeps only the last few announcements; older ones were already read. */
const liveRegionMaxEntries = 8;

/**
 * The chat page: builds the DOM once, applies host messages to it, and turns clicks and keys into
 * messages for the host. Holds no conversation data of its own beyond what the host last sent.
 */
export class ChatApp {
  private readonly document: Document;
  private readonly header: Header;
  private readonly history: HistoryPanel;
  private readonly settings: SettingsPanel;
  private readonly keyBanner: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly messages: HTMLElement;
  private readonly live: HTMLElement;
  private readonly list: ConversationList;
  private readonly composer: Composer;
  private readonly scheduler: FrameScheduler;
  private readonly actions = new ActionButtons();
  private state: ChatState | undefined;
  private viewState: ChatViewState;
  private stickToBottom = true;
  private saveTimer: number | undefined;

  constructor(
    private readonly window: Window,
    private readonly vscode: VsCodeApi<ChatViewState>,
  ) {
    const d = (this.document = window.document);
    this.viewState = readViewState(vscode.getState());
    this.scheduler = new FrameScheduler(window, () => this.afterRender());
    const thumbnails: ThumbnailUrl = (name) => thumbnailUrl(this.state?.attachmentsBaseUri, name);
    const deps: TurnDeps = {
      thumbnailUrl: thumbnails,
      scheduler: this.scheduler,
      renderer: createMarkdownRenderer(createSanitizer(window)),
      announce: (text) => this.announce(text),
      actions: this.actions,
    };

    this.header = new Header(d, { pickModel: (model) => this.post({ type: 'changeParameters', patch: { model } }) });
    this.history = new HistoryPanel(
      d,
      {
        switchTo: (conversationId) => this.post({ type: 'switchConversation', conversationId }),
        rename: (conversationId, title) => this.post({ type: 'renameConversation', conversationId, title }),
        remove: (conversationId) => this.post({ type: 'deleteConversation', conversationId }),
      },
      () => this.state?.limits.titleMaxChars ?? 200,
    );
    this.settings = new SettingsPanel(d, (patch) => this.post({ type: 'changeParameters', patch }));
    this.keyBanner = h(d, 'div', { id: 'chat-key-banner', class: 'banner', role: 'status', hidden: true });
    this.notice = h(d, 'div', { id: 'chat-notice', class: 'banner', hidden: true });
    this.messages = h(d, 'section', { id: 'chat-messages', tabindex: '0', 'aria-label': 'Conversation' });
    this.live = h(d, 'div', { id: 'chat-live', class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'false' });
    this.list = new ConversationList(d, this.messages, deps);
    this.composer = new Composer(
      d,
      {
        send: (text, editing) => this.post(editing ? { type: 'editLastUserMessage', text } : { type: 'send', text }),
        stop: () => this.post({ type: 'stop' }),
        changed: () => this.saveViewStateSoon(),
      },
      () => this.state?.limits.messageMaxChars ?? Number.MAX_SAFE_INTEGER,
      thumbnails,
    );
    this.composer.restore(this.viewState.draft, this.viewState.editing);

    const root = d.getElementById('app') ?? d.getElementById('chat-root') ?? d.body.appendChild(h(d, 'div', { id: 'chat-root' }));
    root.replaceChildren(
      this.header.element,
      this.history.element,
      this.settings.element,
      this.keyBanner,
      this.notice,
      this.messages,
      this.live,
      this.composer.element,
    );
    d.body.dataset.busy = 'false';
    // The whole page takes drops (the sidebar is narrow); pasting an image goes through the message box.
    installAttachmentInput(d, root, this.composer.input, {
      post: (message) => this.post(message),
      refuse: (message) => this.showNotice('warning', message, []),
    });
    root.addEventListener('click', (event) => this.onClick(event));
    // Middle-click would open a link in a new browser context: refuse it like any navigation.
    root.addEventListener('auxclick', (event) => {
      if ((event.target as Element).closest('a')) event.preventDefault();
    });
    d.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && event.target !== this.composer.input) this.closePanels();
    });
    this.messages.addEventListener('scroll', () => {
      this.stickToBottom = this.messages.scrollHeight - this.messages.scrollTop - this.messages.clientHeight < stickSlackPx;
      this.saveViewStateSoon();
    });
  }

  /** Applies one host message. Messages for a conversation or turn not on screen are ignored. */
  handle(message: ToWebviewMessage): void {
    switch (message.type) {
      case 'didInitialize':
        return this.initialize(message.state);
      case 'didChangeConversations':
        if (!this.state) return;
        this.state.conversations = message.conversations;
        this.history.update(message.conversations, this.state.active.id);
        return;
      case 'didOpenConversation':
        if (!this.state) return;
        this.scheduler.renderNow();
        this.state.active = message.conversation;
        if (this.composer.editing) this.composer.confirmSent();
        this.showActive();
        this.closePanels();
        return;
      case 'didChangeParameters':
        if (!this.state || message.conversationId !== this.state.active.id) return;
        this.state.active.parameters = message.parameters;
        this.settings.update(message.parameters, this.state.limits);
        this.header.setModel(message.parameters.model, this.state.models, this.state.modelsOffline);
        return;
      case 'didChangeModels':
        if (!this.state) return;
        this.state.models = message.models;
        this.state.modelsOffline = message.modelsOffline;
        this.header.setModels(message.models, message.modelsOffline, this.state.active.parameters.model);
        return;
      case 'didChangeKeyState':
        if (!this.state) return;
        this.state.key = message.key;
        this.showKeyState();
        return;
      case 'didChangeBusy':
        return this.setBusy(message.busy);
      case 'didAppendUserTurn':
        this.list.appendUserTurn(message.conversationId, message.turn);
        this.composer.confirmSent();
        this.followBottom(true);
        return;
      case 'didStartReply':
        this.list.startReply(message.conversationId, message.turnId, message.resumed);
        this.followBottom(false);
        return;
      case 'didStartBlock':
        return this.list.turn(message.turnId)?.startBlock(message.index, message.kind);
      case 'didAppendText':
        return this.list.turn(message.turnId)?.appendText(message.index, message.text);
      case 'didAppendThinking':
        return this.list.turn(message.turnId)?.appendThinking(message.index, message.text);
      case 'didEndBlock':
        return this.list.turn(message.turnId)?.endBlock(message.index);
      case 'didEndReply':
        this.list.turn(message.turnId)?.complete(message.footer, message.stopReason);
        this.list.refreshActions();
        this.followBottom(false);
        return;
      case 'didInterruptReply':
        this.list.turn(message.turnId)?.interrupt(message.error, message.footer);
        this.list.refreshActions();
        this.followBottom(false);
        return;
      case 'didChangeAttachments':
        if (this.state) this.state.attachments = message.attachments;
        return this.composer.setAttachments(message.attachments);
      case 'didShowNotice':
        this.composer.releaseWait();
        return this.showNotice(message.level, message.message, message.actions ?? []);
    }
  }

  private initialize(state: ChatState): void {
    this.scheduler.renderNow();
    this.state = state;
    this.header.setModels(state.models, state.modelsOffline, state.active.parameters.model);
    this.history.update(state.conversations, state.active.id);
    this.showKeyState();
    this.showActive();
    this.composer.setAttachments(state.attachments);
    this.setBusy(state.busy);
    if (this.viewState.conversationId === state.active.id) {
      this.messages.scrollTop = this.viewState.scrollTop;
      this.stickToBottom = this.messages.scrollHeight - this.messages.scrollTop - this.messages.clientHeight < stickSlackPx;
    }
    if (this.viewState.panel) this.openPanel(this.viewState.panel);
    this.document.body.dataset.ready = 'true';
  }

  private showActive(): void {
    const state = this.state;
    if (!state) return;
    this.list.show(state.active);
    this.list.setBusy(state.busy);
    this.settings.update(state.active.parameters, state.limits);
    this.header.setModel(state.active.parameters.model, state.models, state.modelsOffline);
    this.history.update(state.conversations, state.active.id);
    this.followBottom(true);
  }

  private setBusy(busy: boolean): void {
    if (this.state) this.state.busy = busy;
    this.document.body.dataset.busy = String(busy);
    this.composer.setBusy(busy);
    this.list.setBusy(busy);
  }

  private showKeyState(): void {
    const key = this.state?.key;
    if (!key || key.hasKey) {
      this.keyBanner.hidden = true;
      this.keyBanner.replaceChildren();
      return;
    }
    this.keyBanner.hidden = false;
    this.keyBanner.replaceChildren(
      h(this.document, 'span', {}, 'No Anthropic API key is set, so messages cannot be sent yet.'),
      this.actions.button(this.document, { kind: 'setApiKey', label: 'Set API Key' }),
    );
  }

  private showNotice(level: 'info' | 'warning' | 'error', message: string, actions: ChatAction[]): void {
    const d = this.document;
    this.notice.hidden = false;
    this.notice.dataset.level = level;
    this.notice.setAttribute('role', level === 'error' ? 'alert' : 'status');
    const buttons = actions.map((action) => this.actions.button(d, action));
    this.notice.replaceChildren(
      h(d, 'span', { class: 'notice-message' }, message),
      ...buttons,
      actionButton(d, 'dismiss-notice', 'Dismiss', { class: 'link-button', 'aria-label': 'Dismiss this message' }),
    );
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as Element;
    const link = target.closest('a');
    if (link && this.messages.contains(link)) {
      // Links never navigate the webview; the host opens http(s) ones in the browser.
      event.preventDefault();
      const href = link.getAttribute('href');
      if (href) this.post({ type: 'openLink', href });
      return;
    }
    const button = target.closest<HTMLElement>('[data-action]');
    if (!button) return;
    const data = button.dataset;
    const action = actionOf(button);
    switch (action) {
      case 'copy-code':
      case 'insert-code': {
        const pre = button.closest('.code-block')?.querySelector('pre');
        const code = pre?.textContent ?? '';
        if (action === 'copy-code') {
          this.post({ type: 'copyText', text: code });
          this.flashLabel(button, 'Copied');
        } else {
          const language = pre ? codeLanguage(pre) : undefined;
          this.post(language ? { type: 'insertAtCursor', code, language } : { type: 'insertAtCursor', code });
        }
        return;
      }
      case 'run-action': {
        // The button's action object, exactly as the host sent it (the host validates it again).
        const hostAction = this.actions.get(button);
        if (hostAction) this.post({ type: 'runAction', action: hostAction });
        return;
      }
      case 'attach-files':
        return this.post({ type: 'pickFiles' });
      case 'remove-attachment': {
        const attachmentId = data.attachmentId;
        if (attachmentId) this.post({ type: 'removeAttachment', attachmentId });
        return;
      }
      case 'retry':
        return this.post({ type: 'retry' });
      case 'continue':
        return this.post({ type: 'continue' });
      case 'edit-last': {
        const text = this.list.lastUserText;
        if (text !== undefined) this.composer.editLast(text);
        return;
      }
      case 'new-chat':
        return this.post({ type: 'newConversation' });
      case 'refresh-models':
        return this.post({ type: 'refreshModels' });
      case 'toggle-history':
        return this.togglePanel('history');
      case 'toggle-settings':
        return this.togglePanel('settings');
      case 'copy-as-code': {
        const language = data.language;
        if (!isSnippetLanguage(language)) return;
        this.post({ type: 'copyAsCode', language, target: data.target === 'editor' ? 'editor' : 'clipboard' });
        this.header.closeMenu();
        return;
      }
      case 'dismiss-notice':
        this.notice.hidden = true;
        this.notice.replaceChildren();
        return;
    }
  }

  private togglePanel(panel: 'history' | 'settings'): void {
    if (this.viewState.panel === panel) this.closePanels();
    else this.openPanel(panel);
  }

  private openPanel(panel: 'history' | 'settings'): void {
    this.viewState.panel = panel;
    this.history.element.hidden = panel !== 'history';
    this.settings.element.hidden = panel !== 'settings';
    this.header.historyToggle.setAttribute('aria-expanded', String(panel === 'history'));
    this.header.settingsToggle.setAttribute('aria-expanded', String(panel === 'settings'));
    this.saveViewStateSoon();
  }

  private closePanels(): void {
    this.viewState.panel = undefined;
    this.history.element.hidden = true;
    this.settings.element.hidden = true;
    this.header.historyToggle.setAttribute('aria-expanded', 'false');
    this.header.settingsToggle.setAttribute('aria-expanded', 'false');
    this.header.closeMenu();
    this.saveViewStateSoon();
  }

  private flashLabel(button: HTMLElement, label: string): void {
    const original = button.textContent;
    button.textContent = label;
    this.window.setTimeout(() => (button.textContent = original), 1200);
  }

  /** Reads finished blocks of a streaming reply to screen readers, without re-reading open text. */
  private announce(text: string): void {
    const trimmed = text.trim();
    if (trimmed === '') return;
    this.live.append(h(this.document, 'p', {}, trimmed));
    while (this.live.childElementCount > liveRegionMaxEntries) this.live.firstElementChild?.remove();
  }

  /** Keeps the newest text in view while the user has not scrolled up (or when `force`). */
  private followBottom(force: boolean): void {
    if (force) this.stickToBottom = true;
    if (this.stickToBottom) this.messages.scrollTop = this.messages.scrollHeight;
  }

  private afterRender(): void {
    this.followBottom(false);
  }

  private saveViewStateSoon(): void {
    if (this.saveTimer !== undefined) return;
    this.saveTimer = this.window.setTimeout(() => {
      this.saveTimer = undefined;
      this.viewState = {
        ...this.viewState,
        draft: this.composer.draft,
        editing: this.composer.editing,
        scrollTop: this.messages.scrollTop,
        conversationId: this.list.activeConversationId || undefined,
      };
      this.vscode.setState(this.viewState);
    }, 250);
  }

  private post(message: FromWebviewMessage): void {
    this.vscode.postMessage(message);
  }
}
