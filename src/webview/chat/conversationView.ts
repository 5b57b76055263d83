import type { ConversationView as Conversation, TurnView, UserTurnView } from '../../shared/chatProtocol';
import { actionButton, h } from './dom';
import { AssistantTurnElement, renderUserTurn } from './turnViews';
import type { TurnDeps } from './turnViews';

/**
 * The message list of the open conversation. Keeps the assistant turn views by id so streamed
 * messages go straight to their turn, and redraws the per-turn buttons (Edit, Retry, Continue)
 * whenever the last turns or the busy state change.
 */
export class ConversationList {
  private readonly assistantTurns = new Map<string, AssistantTurnElement>();
  private turns: TurnView[] = [];
  private conversationId = '';
  private busy = false;

  constructor(
    private readonly document: Document,
    readonly element: HTMLElement,
    private readonly deps: TurnDeps,
  ) {}

  get activeConversationId(): string {
    return this.conversationId;
  }

  /** The text of the last user message, for edit-and-resend. */
  get lastUserText(): string | undefined {
    const last = [...this.turns].reverse().find((turn): turn is UserTurnView => turn.role === 'user');
    return last?.text;
  }

  show(conversation: Conversation): void {
    for (const turn of this.assistantTurns.values()) turn.dispose();
    this.assistantTurns.clear();
    this.conversationId = conversation.id;
    this.turns = conversation.turns.slice();
    const elements = this.turns.map((turn) => {
      if (turn.role === 'user') return renderUserTurn(this.document, turn, this.deps.thumbnailUrl);
      const view = AssistantTurnElement.fromView(this.document, turn, this.deps);
      this.assistantTurns.set(turn.id, view);
      return view.element;
    });
    if (elements.length === 0) {
      elements.push(h(this.document, 'div', { class: 'empty-state' }, 'Ask Claude anything. Enter sends, Shift+Enter adds a line.'));
    }
    this.element.replaceChildren(...elements);
    this.refreshActions();
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.refreshActions();
  }

  appendUserTurn(conversationId: string, turn: UserTurnView): void {
    if (conversationId !== this.conversationId) return;
    this.element.querySelector('.empty-state')?.remove();
    this.turns.push(turn);
    this.element.append(renderUserTurn(this.document, turn, this.deps.thumbnailUrl));
    this.refreshActions();
  }

  startReply(conversationId: string, turnId: string, resumed: boolean): void {
    if (conversationId !== this.conversationId) return;
    const existing = this.assistantTurns.get(turnId);
    if (resumed && existing) {
      existing.resume();
    } else {
      const view = new AssistantTurnElement(this.document, turnId, this.deps);
      this.assistantTurns.set(turnId, view);
      this.turns.push({ role: 'assistant', id: turnId, createdAt: Date.now(), blocks: [], status: 'streaming' });
      this.element.append(view.element);
    }
    this.refreshActions();
  }

  /** The turn a streamed message is for; undefined when it belongs to a conversation not shown. */
  turn(turnId: string): AssistantTurnElement | undefined {
    return this.assistantTurns.get(turnId);
  }

  /** After a reply ends: Retry/Continue depend on the new status. */
  refreshActions(): void {
    for (const old of Array.from(this.element.querySelectorAll('.turn-actions, .edit-last'))) old.remove();
    if (this.busy || this.turns.length === 0) return;
    const last = this.turns[this.turns.length - 1];
    const lastUserIndex = this.turns.map((turn) => turn.role).lastIndexOf('user');
    if (lastUserIndex !== -1) {
      const userElement = this.element.querySelector(`.turn.user[data-turn-id="${CSS.escape(this.turns[lastUserIndex].id)}"]`);
      userElement?.append(actionButton(this.document, 'edit-last', 'Edit', { class: 'edit-last link-button', title: 'Edit and resend this message' }));
    }
    const actions = h(this.document, 'div', { class: 'turn-actions' });
    actions.append(actionButton(this.document, 'retry', 'Retry', { title: 'Ask again for the last reply' }));
    const lastView = last.role === 'assistant' ? this.assistantTurns.get(last.id) : undefined;
    if (lastView?.currentStatus === 'interrupted') {
      actions.append(actionButton(this.document, 'continue', 'Continue', { title: 'Let Claude carry on from where the reply stopped' }));
    }
    const lastElement = lastView?.element ?? this.element.lastElementChild;
    lastElement?.append(actions);
  }
}
