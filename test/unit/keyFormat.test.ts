import * as assert from 'node:assert';
import { checkKeyFormat } from '../../src/core/keyFormat';
import { scrubKeys } from '../../src/core/scrubKeys';

const body = 'Ab3_-xYz9Q'.repeat(9) + 'kLm'; // 93 characters
const goodKey = `sk-ant-api03-${body}AA`;

describe('checkKeyFormat', () => {
  it('accepts a well-formed API key (108 characters, ends in AA)', () => {
    assert.strictEqual(goodKey.length, 108);
    assert.deepStrictEqual(checkKeyFormat(goodKey), { key: goodKey, kind: 'apiKey', verdict: 'ok' });
  });

  it('strips whitespace, quotes and an ANTHROPIC_API_KEY= assignment', () => {
    for (const pasted of [`  ${goodKey}\n`, `"${goodKey}"`, `'${goodKey}'`, `ANTHROPIC_API_KEY=${goodKey}`, `export ANTHROPIC_API_KEY="${goodKey}"`]) {
      const check = checkKeyFormat(pasted);
      assert.strictEqual(check.key, goodKey, pasted);
      assert.strictEqual(check.verdict, 'ok', pasted);
    }
  });

  it('rejects empty input and keys with inner whitespace', () => {
    assert.strictEqual(checkKeyFormat('   ').verdict, 'invalid');
    assert.strictEqual(checkKeyFormat(`${goodKey.slice(0, 50)} ${goodKey.slice(50)}`).verdict, 'invalid');
  });

  it('warns on truncated keys, a wrong ending, and wrong characters, without echoing the key', () => {
    const truncated = checkKeyFormat(goodKey.slice(0, 100));
    assert.strictEqual(truncated.verdict, 'warning');
    assert.match(truncated.problem ?? '', /100 characters.*108/);
    const wrongEnd = checkKeyFormat(`${goodKey.slice(0, 106)}AB`);
    assert.match(wrongEnd.problem ?? '', /end in `AA`/);
    const wrongChars = checkKeyFormat(`sk-ant-api03-${body.slice(0, 92)}!AA`);
    assert.match(wrongChars.problem ?? '', /characters/);
    for (const check of [truncated, wrongEnd, wrongChars]) assert.ok(!check.problem?.includes(body.slice(0, 20)));
  });

  it('recognises admin keys, OAuth tokens and session cookies as the wrong kind of credential', () => {
    assert.strictEqual(checkKeyFormat(`sk-ant-admin01-${body}AA`).kind, 'adminKey');
    assert.match(checkKeyFormat(`sk-ant-admin01-${body}AA`).problem ?? '', /Admin API key/);
    assert.strictEqual(checkKeyFormat(`sk-ant-oat01-${body}`).kind, 'oauthAccessToken');
    assert.strictEqual(checkKeyFormat(`sk-ant-ort01-${body}`).kind, 'oauthRefreshToken');
    assert.strictEqual(checkKeyFormat(`sk-ant-sid01-${body}`).kind, 'sessionCookie');
    assert.strictEqual(checkKeyFormat(`sk-ant-api01-${body}AA`).kind, 'otherAnthropic');
    for (const key of [`sk-ant-oat01-${body}`, `sk-ant-api01-${body}AA`]) assert.strictEqual(checkKeyFormat(key).verdict, 'warning');
  });

  it('warns but allows a gateway key of another format', () => {
    const check = checkKeyFormat('gw_live_0123456789abcdef');
    assert.strictEqual(check.verdict, 'warning');
    assert.strictEqual(check.kind, 'unknown');
    assert.match(check.problem ?? '', /gateway/);
  });
});

describe('scrubKeys', () => {
  it('masks every key-shaped substring and known secrets, leaving other text alone', () => {
    const text = `auth failed for ${goodKey}; also sk-ant-admin01-${body}AA and token gw_live_0123456789abcdef`;
    const scrubbed = scrubKeys(text, ['gw_live_0123456789abcdef']);
    assert.ok(!scrubbed.includes(body.slice(0, 12)), scrubbed);
    assert.ok(!scrubbed.includes('gw_live_0123456789abcdef'), scrubbed);
    assert.ok(scrubbed.startsWith('auth failed for sk-ant-api03-…LmAA;'), scrubbed);
    assert.strictEqual(scrubKeys('no secrets here, sk-ant-api03-… is a placeholder'), 'no secrets here, sk-ant-api03-… is a placeholder');
  });

  it('is idempotent', () => {
    const once = scrubKeys(`key ${goodKey}`);
    assert.strictEqual(scrubKeys(once), once);
  });
});
