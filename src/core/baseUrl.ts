import { scrubKeys } from './scrubKeys';

/** The public Messages API, used when `claudeApi.baseUrl` is empty. */
export const defaultBaseUrl = 'https://api.anthropic.com';

/** `claudeApi.baseUrl` checked: what the client is given and what people are shown. */
export interface BaseUrl {
  /** The server root for the client: the default when the setting is empty, without trailing slashes. */
  href: string;
  /** `href` without the `user:password@` some gateways take in the URL: for messages, logs and code snippets. */
  display: string;
  /** True for the public API (empty setting or the default URL). */
  isDefault: boolean;
  /** The host name (`api.anthropic.com`, `127.0.0.1`, `[::1]`). */
  hostname: string;
}

/**
 * The one check of a base URL (the client, the key check, "Copy as code", the Admin key's destination).
 * Throws a TypeError shaped like Node's invalid-URL error (code `ERR_INVALID_URL`, classified as a base URL
 * problem) for anything that is not an http(s) URL; its message never repeats credentials or a key.
 */
export function checkBaseUrl(setting: string | undefined): BaseUrl {
  const value = setting?.trim() || defaultBaseUrl;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidUrl(`The base URL "${scrubKeys(baseUrlForDisplay(value))}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalidUrl('The base URL must start with http:// or https://.');
  const href = value.replace(/\/+$/, '');
  url.username = '';
  url.password = '';
  const display = url.toString().replace(/\/+$/, '');
  return { href, display, isDefault: display === defaultBaseUrl, hostname: url.hostname };
}

/** Whether the URL names this machine (a loopback address): a key sent there stays here. */
export function isLoopback(baseUrl: BaseUrl): boolean {
  const host = baseUrl.hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

/**
 * A base URL as shown to people when it may not even parse (error messages): without `user:password@`.
 * Text that is no URL at all loses anything between `//` and `@` the same way.
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

function invalidUrl(message: string): TypeError {
  return Object.assign(new TypeError(message), { code: 'ERR_INVALID_URL' });
}
