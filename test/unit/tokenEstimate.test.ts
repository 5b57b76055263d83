import * as assert from 'node:assert';
import { estimateTokens, parseModelId, tokenizerGeneration } from '../../src/core/tokenEstimate';

describe('tokenEstimate', () => {
  it('parses modern, dated and legacy model ids', () => {
    assert.deepStrictEqual(parseModelId('claude-opus-4-7'), { family: 'opus', major: 4, minor: 7 });
    assert.deepStrictEqual(parseModelId('claude-sonnet-4-5-20250929'), { family: 'sonnet', major: 4, minor: 5 });
    assert.deepStrictEqual(parseModelId('claude-sonnet-5'), { family: 'sonnet', major: 5, minor: 0 });
    assert.deepStrictEqual(parseModelId('claude-3-5-haiku-20241022'), { family: 'haiku', major: 3, minor: 5 });
    assert.strictEqual(parseModelId('gpt-4o'), undefined);
  });

  it('knows which models use the newer tokenizer', () => {
    assert.strictEqual(tokenizerGeneration('claude-sonnet-4-6'), 'classic');
    assert.strictEqual(tokenizerGeneration('claude-haiku-4-5'), 'classic');
    assert.strictEqual(tokenizerGeneration('claude-opus-4-6'), 'classic');
    assert.strictEqual(tokenizerGeneration('claude-opus-4-7'), 'new');
    assert.strictEqual(tokenizerGeneration('claude-sonnet-5'), 'new');
    assert.strictEqual(tokenizerGeneration('claude-haiku-5-5'), 'new');
  });

  it('estimates about 30 % more tokens for the newer tokenizer', () => {
    const text = 'x'.repeat(3500);
    assert.strictEqual(estimateTokens(text, 'claude-sonnet-4-6'), 1000);
    assert.strictEqual(estimateTokens(text, 'claude-opus-5'), 1300);
    assert.strictEqual(estimateTokens('', 'claude-opus-5'), 0);
    assert.strictEqual(estimateTokens('a', 'claude-sonnet-4-6'), 1);
  });
});
