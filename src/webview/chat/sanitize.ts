// The one gate between model output and the DOM. markdown-it already escapes raw HTML (html: false);
// DOMPurify then keeps only the elements and attributes markdown produces, so even a renderer bug
// cannot smuggle in script, iframe, object, embed, svg, style, event handlers or non-http(s) URLs.
import DOMPurify from 'dompurify';
import type { Config } from 'dompurify';
import { linkDisplay } from '../../shared/linkDisplay';
import { safeExternalUrl } from '../../shared/chatProtocol';

/** Elements markdown-it emits for GFM (plus highlight.js spans); nothing else survives. */
const allowedTags = [
  'a', 'blockquote', 'br', 'code', 'del', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p',
  'pre', 's', 'span', 'strong', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
];

const config: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS: allowedTags,
  // `class` carries highlight.js token classes, `language-*` and table alignment; never `style`.
  ALLOWED_ATTR: ['href', 'title', 'class', 'start'],
  ALLOWED_URI_REGEXP: /^https?:\/\//i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  FORBID_TAGS: ['style', 'script', 'iframe', 'object', 'embed', 'svg', 'math', 'img', 'form', 'input', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style', 'srcset', 'src', 'action', 'formaction', 'xlink:href'],
  KEEP_CONTENT: true,
  RETURN_DOM_FRAGMENT: true,
};

/** A DOMPurify instance of our own, so our hooks cannot leak into (or be changed by) anyone else's. */
export interface Sanitizer {
  /** A fragment holding only allowed, inert nodes; links keep an http(s) `href` or lose it. */
  sanitize(html: string): DocumentFragment;
}

export function createSanitizer(window: Window): Sanitizer {
  const purify = DOMPurify(window as Window & typeof globalThis);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    const safe = href === null ? undefined : safeExternalUrl(href);
    if (safe === undefined) {
      node.removeAttribute('href');
      return;
    }
    // Clicks are turned into `openLink` messages by the page. The reply's own title is dropped: the hover
    // shows the real URL, and text that names another site is followed by the real host.
    node.setAttribute('href', safe);
    const display = linkDisplay(safe, node.textContent ?? '');
    node.setAttribute('title', display.title);
    if (display.realHostNote) node.appendChild(node.ownerDocument.createTextNode(display.realHostNote));
  });
  return { sanitize: (html) => purify.sanitize(html, config) };
}
