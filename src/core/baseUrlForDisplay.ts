/**
 * A base URL as shown to people (messages, logs): without `user:password@`, which some gateways take in
 * the URL. Text that is no URL at all loses anything between `//` and `@` the same way.
 */
export function baseUrlForDisplay(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    if (!url.username && !url.password) return baseUrl;
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, baseUrl.endsWith('/') ? '/' : '');
  } catch {
    return baseUrl.replace(/\/\/[^/@\s]*@/g, '//');
  }
}
