import { defaultBaseUrl } from './apiErrors';

/**
 * `claudeApi.baseUrl` as the SDK wants it: the default when empty, no trailing slash. Throws an error
 * shaped like Node's invalid-URL error (classified as a base URL problem) for anything unusable.
 */
export function normalizeBaseUrl(setting: string): string {
  const value = setting.trim() || defaultBaseUrl;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw Object.assign(new TypeError(`Invalid URL in claudeApi.baseUrl`), { code: 'ERR_INVALID_URL' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw Object.assign(new TypeError(`Invalid URL in claudeApi.baseUrl: use http or https`), { code: 'ERR_INVALID_URL' });
  }
  return value.replace(/\/+$/, '');
}
