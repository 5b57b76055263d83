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

/** A button that is `type="button"` (never submits) and carries its action in `data-action`. */
export function actionButton(document: Document, action: string, label: string, attributes: Attributes = {}): HTMLButtonElement {
  return h(document, 'button', { type: 'button', 'data-action': action, ...attributes }, label);
}
