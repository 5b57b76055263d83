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

  it('gateway spellings of a model get that model\'s tokenizer, not the unknown-model guess', () => {
    const text = 'x'.repeat(3500);
    for (const [spelling, model] of [
      ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
      ['anthropic.claude-haiku-4-5-20251001-v1:0', 'claude-haiku-4-5'],
      ['claude-opus-4-1@20250805', 'claude-opus-4-1'],
    ]) {
      assert.strictEqual(tokenizerGeneration(spelling), 'classic', spelling);
      assert.strictEqual(estimateTokens(text, spelling), estimateTokens(text, model), spelling);
    }
    assert.ok(estimateTokens(text, 'claude-opus-5') > estimateTokens(text, 'claude-sonnet-4-6'), 'the newer tokenizer yields more tokens');
    assert.strictEqual(estimateTokens('', 'claude-opus-5'), 0);
    assert.strictEqual(estimateTokens('a', 'claude-sonnet-4-6'), 1, 'a non-empty text is at least one token');
  });
});
