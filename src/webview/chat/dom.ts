// Small helpers for building the page's DOM without HTML strings: text always goes in as text.

type Attributes = Record<string, string | boolean | undefined>;

/**
 * Creates `<tag>` with attributes (true: present, false/undefined: absent) and children
 * (strings become text nodes).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  document: Document,
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of children) if (child !== undefined) element.append(child);
  return element;
}

/**
 * Every `data-action` of the page (the DOM contract in main.ts lists where each appears). Buttons are made
 * with `actionButton` and read with `actionOf`, so a misspelt id, or a case for one that no longer exists,
 * does not compile.
 */
export type PageAction =
  // composer and turns
  | 'send'
  | 'stop'
  | 'cancel-edit'
  | 'attach-files'
  | 'remove-attachment'
  | 'edit-last'
  | 'retry'
  | 'continue'
  // code blocks, notices and the host's action buttons
  | 'copy-code'
  | 'insert-code'
  | 'run-action'
  | 'dismiss-notice'
  // header
  | 'new-chat'
  | 'refresh-models'
  | 'toggle-history'
  | 'toggle-settings'
  | 'copy-as-code'
  // history panel
  | 'switch-conversation'
  | 'rename-conversation'
  | 'delete-conversation'
  | 'save-rename'
  | 'cancel-rename';

/** A button that is `type="button"` (never submits) and carries its action in `data-action`. */
export function actionButton(document: Document, action: PageAction, label: string, attributes: Attributes = {}): HTMLButtonElement {
  return h(document, 'button', { type: 'button', 'data-action': action, ...attributes }, label);
}

/** The action of a button made by `actionButton`. */
export function actionOf(element: HTMLElement): PageAction | undefined {
  return element.dataset.action as PageAction | undefined;
}
