import type { AttachmentView } from '../../shared/chatProtocol';
import type { ThumbnailUrl } from './attachmentChips';
import { renderAttachment } from './attachmentChips';
import { actionButton, h } from './dom';

export interface ComposerHandlers {
  send(text: string, editing: boolean): void;
  stop(): void;
  /** The draft or edit mode changed (the page saves it in its view state). */
  changed(): void;
}

/**
 * The message box: Enter sends, Shift+Enter adds a line. While a reply streams, Send turns into
 * Stop and sending waits (typing ahead still works). Text leaves the box only when the host confirms
 * it saved the message (`confirmSent`), so a refused message is never lost.
 */
export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly editBanner: HTMLElement;
  /** Chips of the attachments the next message takes (the host owns the list). */
  private readonly attachmentsBar: HTMLElement;
  private busy = false;
  private waitingForHost = false;
  private editingLast = false;

  constructor(
    document: Document,
    private readonly handlers: ComposerHandlers,
    private readonly maxChars: () => number,
    private readonly thumbnailUrl: ThumbnailUrl,
  ) {
    const d = document;
    this.input = h(d, 'textarea', {
      id: 'chat-input',
      rows: '3',
      placeholder: 'Message Claude (Enter to send, Shift+Enter for a new line)',
      'aria-label': 'Message to Claude',
    });
    this.sendButton = actionButton(d, 'send', 'Send', { id: 'chat-send', class: 'primary' });
    this.stopButton = actionButton(d, 'stop', 'Stop', { id: 'chat-stop', hidden: true });
    this.editBanner = h(
      d,
      'div',
      { id: 'chat-edit-banner', hidden: true },
      'Editing your last message: sending replaces it and what followed.',
      actionButton(d, 'cancel-edit', 'Cancel', { class: 'link-button' }),
    );
    this.attachmentsBar = h(d, 'div', { id: 'chat-attachments', class: 'attachment-list', 'aria-label': 'Attachments', hidden: true });
    const attachButton = actionButton(d, 'attach-files', 'Attach…', {
      id: 'chat-attach',
      class: 'link-button',
      title: 'Attach files (or drop them here, or paste an image)',
    });
    this.element = h(
      d,
      'form',
      { id: 'chat-composer', 'aria-label': 'Compose a message' },
      this.editBanner,
      this.attachmentsBar,
      this.input,
      h(d, 'div', { class: 'composer-buttons' }, attachButton, h(d, 'span', { class: 'spacer' }), this.sendButton, this.stopButton),
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.trySend();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        this.trySend();
      } else if (event.key === 'Escape' && this.editingLast) {
        event.preventDefault();
        this.cancelEdit();
      }
    });
    this.input.addEventListener('input', () => {
      this.updateButtons();
      this.handlers.changed();
    });
    this.sendButton.addEventListener('click', () => this.trySend());
    this.stopButton.addEventListener('click', () => this.handlers.stop());
    this.editBanner.querySelector('[data-action="cancel-edit"]')?.addEventListener('click', () => this.cancelEdit());
    this.updateButtons();
  }

  get draft(): string {
    return this.input.value;
  }

  get editing(): boolean {
    return this.editingLast;
  }

  restore(draft: string, editing: boolean): void {
    this.input.value = draft;
    this.setEditing(editing);
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    // The host may report busy before it confirms the message; only the end of a reply (or a notice)
    // without a confirmation means the message was not taken.
    if (!busy) this.waitingForHost = false;
    this.updateButtons();
  }

  /** Shows the attachments the next message takes, as removable chips. */
  setAttachments(views: readonly AttachmentView[]): void {
    const d = this.input.ownerDocument;
    this.attachmentsBar.replaceChildren(...views.map((view) => renderAttachment(d, view, this.thumbnailUrl, true)));
    this.attachmentsBar.hidden = views.length === 0;
  }

  /** Puts the last user message in the box; sending then replaces it. */
  editLast(text: string): void {
    this.input.value = text;
    this.setEditing(true);
    this.input.focus();
    this.handlers.changed();
  }

  /** The host saved the message: the box may be cleared. */
  confirmSent(): void {
    if (!this.waitingForHost) return;
    this.waitingForHost = false;
    this.input.value = '';
    this.setEditing(false);
    this.handlers.changed();
  }

  /** The host refused or failed: keep the text, allow another try. */
  releaseWait(): void {
    this.waitingForHost = false;
    this.updateButtons();
  }

  private trySend(): void {
    const text = this.input.value;
    if (this.busy || this.waitingForHost || text.trim() === '') return;
    if (text.length > this.maxChars()) {
      this.input.setAttribute('aria-invalid', 'true');
      this.input.title = `Messages are limited to ${this.maxChars().toLocaleString()} characters.`;
      return;
    }
    this.input.removeAttribute('aria-invalid');
    this.waitingForHost = true;
    this.updateButtons();
    this.handlers.send(text, this.editingLast);
  }

  private cancelEdit(): void {
    this.input.value = '';
    this.setEditing(false);
    this.handlers.changed();
  }

  private setEditing(editing: boolean): void {
    this.editingLast = editing;
    this.editBanner.hidden = !editing;
    this.sendButton.textContent = editing ? 'Resend' : 'Send';
    this.updateButtons();
  }

  private updateButtons(): void {
    this.sendButton.hidden = this.busy;
    this.stopButton.hidden = !this.busy;
    this.sendButton.disabled = this.waitingForHost || this.input.value.trim() === '';
    this.element.dataset.busy = String(this.busy);
    this.input.setAttribute('aria-busy', String(this.busy));
  }
}
