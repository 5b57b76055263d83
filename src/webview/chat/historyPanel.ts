import type { ConversationSummary } from '../../shared/chatProtocol';
import { actionButton, actionOf, h } from './dom';
import { formatWhen } from './displayText';

/**
 * The conversation history: switch, rename (inline, Enter saves, Escape cancels) and delete (asks
 * for a second click, since webviews cannot show `confirm()`).
 */
export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private conversations: ConversationSummary[] = [];
  private activeId = '';
  private renaming: string | undefined;
  private confirmingDelete: string | undefined;

  constructor(
    private readonly document: Document,
    private readonly handlers: {
      switchTo(conversationId: string): void;
      rename(conversationId: string, title: string): void;
      remove(conversationId: string): void;
    },
    private readonly titleMaxChars: () => number,
  ) {
    this.list = h(document, 'ul', { class: 'history-list' });
    this.element = h(
      document,
      'section',
      { id: 'chat-history', class: 'panel', hidden: true, 'aria-label': 'Conversation history' },
      h(document, 'h2', {}, 'Conversations'),
      this.list,
    );
    this.list.addEventListener('click', (event) => this.onClick(event));
    this.list.addEventListener('keydown', (event) => this.onKeyDown(event));
  }

  update(conversations: ConversationSummary[], activeId: string): void {
    this.conversations = conversations;
    this.activeId = activeId;
    this.render();
  }

  private render(): void {
    const d = this.document;
    if (this.conversations.length === 0) {
      this.list.replaceChildren(h(d, 'li', { class: 'history-empty' }, 'No conversations yet.'));
      return;
    }
    this.list.replaceChildren(
      ...this.conversations.map((conversation) => {
        const active = conversation.id === this.activeId;
        const item = h(d, 'li', { 'data-conversation-id': conversation.id, class: active ? 'active' : undefined });
        if (this.renaming === conversation.id) {
          const input = h(d, 'input', {
            type: 'text',
            class: 'rename-input',
            'aria-label': 'New title',
            maxlength: String(this.titleMaxChars()),
          });
          input.value = conversation.title;
          item.append(input, actionButton(d, 'save-rename', 'Save'), actionButton(d, 'cancel-rename', 'Cancel'));
          queueMicrotask(() => input.select());
          return item;
        }
        const label = `${conversation.title} (${conversation.turnCount} turns, ${formatWhen(conversation.updatedAt)})`;
        const confirming = this.confirmingDelete === conversation.id;
        item.append(
          actionButton(d, 'switch-conversation', '', { class: 'history-title', 'aria-label': label, 'aria-current': active ? 'true' : undefined }),
          h(
            d,
            'div',
            { class: 'history-actions' },
            actionButton(d, 'rename-conversation', 'Rename', { class: 'link-button', 'aria-label': `Rename ${conversation.title}` }),
            actionButton(d, 'delete-conversation', confirming ? 'Confirm delete' : 'Delete', {
              'aria-label': `${confirming ? 'Confirm delete of' : 'Delete'} ${conversation.title}`,
              class: confirming ? 'link-button danger' : 'link-button',
            }),
          ),
        );
        const title = item.querySelector('.history-title') as HTMLElement;
        title.append(h(d, 'span', { class: 'history-name' }, conversation.title), h(d, 'span', { class: 'history-when' }, formatWhen(conversation.updatedAt)));
        return item;
      }),
    );
  }

  private onClick(event: MouseEvent): void {
    const button = (event.target as Element).closest<HTMLElement>('[data-action]');
    const id = button?.closest<HTMLElement>('[data-conversation-id]')?.dataset.conversationId;
    if (!button || !id) return;
    switch (actionOf(button)) {
      case 'switch-conversation':
        this.handlers.switchTo(id);
        break;
      case 'rename-conversation':
        this.renaming = id;
        this.render();
        break;
      case 'save-rename':
        this.saveRename(id);
        break;
      case 'cancel-rename':
        this.renaming = undefined;
        this.render();
        break;
      case 'delete-conversation':
        if (this.confirmingDelete === id) {
          this.confirmingDelete = undefined;
          this.handlers.remove(id);
        } else {
          this.confirmingDelete = id;
          this.render();
          this.list.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(id)}"] [data-action="delete-conversation"]`)?.focus();
        }
        break;
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    const input = event.target as HTMLElement;
    if (!input.classList.contains('rename-input')) return;
    const id = input.closest<HTMLElement>('[data-conversation-id]')?.dataset.conversationId;
    if (!id) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      this.saveRename(id);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this.renaming = undefined;
      this.render();
    }
  }

  private saveRename(id: string): void {
    const input = this.list.querySelector<HTMLInputElement>('.rename-input');
    const title = input?.value.trim() ?? '';
    if (title === '') {
      input?.setAttribute('aria-invalid', 'true');
      return;
    }
    this.renaming = undefined;
    this.handlers.rename(id, title.slice(0, this.titleMaxChars()));
    this.render();
  }
}
