import { actionButton, h } from './dom';

/** The language of a rendered code block, from markdown-it's `language-*` class. */
export function codeLanguage(pre: Element): string | undefined {
  const code = pre.querySelector('code');
  const match = /(?:^|\s)language-([\w#+.-]+)/.exec(code?.className ?? '');
  return match?.[1];
}

/**
 * Wraps each rendered `<pre>` in a frame with its language and "Copy" / "Insert at cursor" buttons.
 * The buttons carry only `data-action`; the page's one click listener finds the code they belong to.
 */
export function decorateCodeBlocks(container: HTMLElement): void {
  const document = container.ownerDocument;
  for (const pre of Array.from(container.querySelectorAll('pre'))) {
    const language = codeLanguage(pre);
    const toolbar = h(
      document,
      'div',
      { class: 'code-toolbar' },
      h(document, 'span', { class: 'code-language' }, language ?? 'text'),
      actionButton(document, 'copy-code', 'Copy', { title: 'Copy code', 'aria-label': 'Copy code' }),
      actionButton(document, 'insert-code', 'Insert', { title: 'Insert at cursor', 'aria-label': 'Insert code at cursor' }),
    );
    const frame = h(document, 'div', { class: 'code-block' });
    pre.replaceWith(frame);
    frame.append(toolbar, pre);
  }
}
