import * as assert from 'node:assert';
import { linkDisplay } from '../../src/shared/linkDisplay';

describe('links in model output show where they really go', () => {
  it('the hover title is always the real URL, whatever title the reply gave', () => {
    assert.strictEqual(linkDisplay('https://evil.example/phish', 'the docs').title, 'https://evil.example/phish');
  });

  it('text naming another site is followed by the real host', () => {
    assert.strictEqual(linkDisplay('https://evil.example/phish', 'https://docs.anthropic.com/en/api').realHostNote, ' (evil.example)');
    assert.strictEqual(linkDisplay('https://evil.example/phish', 'docs.anthropic.com/en/api').realHostNote, ' (evil.example)');
    assert.strictEqual(linkDisplay('https://evil.example:8443/', 'www.evil.example').realHostNote, ' (evil.example:8443)');
  });

  it('adds nothing when the text names the same host or no host at all', () => {
    assert.strictEqual(linkDisplay('https://docs.anthropic.com/en/api', 'https://docs.anthropic.com/en/api/messages').realHostNote, '');
    assert.strictEqual(linkDisplay('https://docs.anthropic.com/en/api', 'the Messages API').realHostNote, '');
    assert.strictEqual(linkDisplay('https://docs.anthropic.com/en/api', 'v1.2').realHostNote, '', 'a version number is no host');
  });
});
