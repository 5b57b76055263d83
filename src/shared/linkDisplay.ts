/**
 * How a link in model output is shown. A reply controls both a link's text and its markdown title, so
 * either could name a site other than the one the link opens (`[https://docs.anthropic.com](https://evil.example)`).
 * The hover title is always the real URL, and text that names another site gets the real host after it.
 */
export interface LinkDisplay {
  /** The hover title: always the URL the click opens. */
  title: string;
  /** Appended to the link text when the text names a different host, e.g. ` (evil.example)`; else ''. */
  realHostNote: string;
}

/** `href` must already be a safe absolute http(s) URL (`safeExternalUrl`). */
export function linkDisplay(href: string, text: string): LinkDisplay {
  const realHost = new URL(href).host;
  const namedHost = hostNamedBy(text);
  return { title: href, realHostNote: namedHost !== undefined && namedHost !== realHost ? ` (${realHost})` : '' };
}

/** The host that link text looks like it names (`https://x.com/…`, `www.x.com`, `x.com/path`), if any. */
function hostNamedBy(text: string): string | undefined {
  const trimmed = text.trim();
  // Longer text names no site anyone reads as one; the cap also bounds the pattern below.
  if (trimmed === '' || trimmed.length > 2048 || /\s/.test(trimmed)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : /^[\w-]+(\.[\w-]+)*\.[a-z]{2,}([/:?#]|$)/i.test(trimmed) ? `https://${trimmed}` : undefined;
  if (withScheme === undefined) return undefined;
  try {
    return new URL(withScheme).host;
  } catch {
    return undefined;
  }
}
