import * as assert from 'node:assert';
import { redactKey } from '../../src/core/redact';

describe('redactKey', () => {
  it('keeps the family prefix and the last four characters', () => {
    const key = `sk-ant-api03-${'a1B2'.repeat(23)}xAb12AA`;
    assert.strictEqual(redactKey(key), 'sk-ant-api03-…12AA');
  });

  it('never reveals a short body', () => {
    assert.strictEqual(redactKey('sk-ant-admin01-abc'), 'sk-ant-admin01-…');
    assert.strictEqual(redactKey('secret'), '…');
  });
});
