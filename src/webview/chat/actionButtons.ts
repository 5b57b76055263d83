import type { ChatAction } from '../../shared/chatProtocol';
import { actionButton } from './dom';

/**
 * Buttons for the host's actions (Set API Key, Open Settings…). Each button remembers its action
 * object, which goes back to the host unchanged in `runAction` when clicked.
 */
export class ActionButtons {
  private readonly actions = new WeakMap<Element, ChatAction>();

  button(document: Document, action: ChatAction): HTMLButtonElement {
    const button = actionButton(document, 'run-action', action.label, { 'data-action-kind': action.kind });
    this.actions.set(button, action);
    return button;
  }

  get(button: Element): ChatAction | undefined {
    return this.actions.get(button);
  }
}
