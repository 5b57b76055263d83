// Markdown (GFM: tables, strikethrough, fenced code) to a sanitized DOM fragment, one block at a time.
import MarkdownIt from 'markdown-it';
import type { StateCore } from 'markdown-it';
import { safeExternalUrl } from '../../shared/chatProtocol';
import { highlightCode } from './highlight';
import type { Sanitizer } from './sanitize';

export interface MarkdownRenderer {
  /** Renders one markdown block (or a whole small document) to sanitized, inert nodes. */
  render(markdown: string): DocumentFragment;
}

export function createMarkdownRenderer(sanitizer: Sanitizer): MarkdownRenderer {
  const md = new MarkdownIt({
    html: false,
    linkify: true,
    typographer: false,
    highlight: (code, language) => highlightCode(code, language.split(/\s/)[0] ?? '') ?? '',
  });

  // Images are never loaded: a reply could use an image URL to send data out (or track the reader).
  // They become a link the user can choose to open.
  md.renderer.rules.image = (tokens, index) => {
    const token = tokens[index];
    const alt = md.utils.escapeHtml(token.content || 'image');
    const src = safeExternalUrl(String(token.attrGet('src') ?? ''));
    return src === undefined ? alt : `<a href="${md.utils.escapeHtml(src)}">${alt} (image)</a>`;
  };

  // Table alignment arrives as a style attribute, which the CSP and the sanitizer refuse: use classes.
  md.core.ruler.push('alignment_classes', (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type !== 'th_open' && token.type !== 'td_open') continue;
      const align = /text-align:(left|center|right)/.exec(String(token.attrGet('style') ?? ''))?.[1];
      if (!align) continue;
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
      token.attrJoin('class', `align-${align}`);
    }
  });

  return { render: (markdown) => sanitizer.sanitize(md.render(markdown)) };
}
