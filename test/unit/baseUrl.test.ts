import * as assert from 'node:assert';
import { classifyApiError } from '../../src/core/apiErrors';
import { baseUrlForDisplay, checkBaseUrl } from '../../src/core/baseUrl';

/** What the client is given. */
const normalizeBaseUrl = (setting: string) => checkBaseUrl(setting).href;

describe('normalizeBaseUrl', () => {
  it('fills in the default for an empty setting and drops trailing slashes', () => {
    assert.strictEqual(normalizeBaseUrl(''), 'https://api.anthropic.com');
    assert.strictEqual(normalizeBaseUrl('  '), 'https://api.anthropic.com');
    assert.strictEqual(normalizeBaseUrl('http://127.0.0.1:8080//'), 'http://127.0.0.1:8080');
    assert.strictEqual(normalizeBaseUrl('https://gateway.example.com/anthropic/'), 'https://gateway.example.com/anthropic');
  });

  it('rejects what is not an http(s) URL with an error classified as a base URL problem', () => {
    for (const bad of ['api.anthropic.com', 'ftp://example.com', 'not a url']) {
      const error = (() => {
        try {
          normalizeBaseUrl(bad);
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      assert.ok(error, `${bad} was accepted`);
      assert.strictEqual(classifyApiError(error, { baseUrl: bad }).kind, 'baseUrl');
    }
  });

  it('shows a base URL without the user:password some gateways take in it', () => {
    assert.strictEqual(baseUrlForDisplay('https://team:s3cret-pass@gateway.example.com/anthropic'), 'https://gateway.example.com/anthropic');
    assert.strictEqual(baseUrlForDisplay('https://team:s3cret-pass@gateway.example.com'), 'https://gateway.example.com');
    assert.strictEqual(baseUrlForDisplay('https://api.anthropic.com'), 'https://api.anthropic.com');
    const info = classifyApiError(Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' }), { baseUrl: 'https://team:s3cret-pass@bad host' });
    assert.ok(!info.message.includes('s3cret-pass'), info.message);
    assert.ok(info.message.includes('https://bad host'), info.message);
  });
});
