import * as assert from 'node:assert';
import { formatUsd } from '../../src/core/figures';
import { formatFooter } from '../../src/webview/chat/displayText';

describe('chat reply footer', () => {
  it('shows the same dollars as the usage meter for the same reply', () => {
    for (const costUsd of [0.012, 0.0031, 0.42, 12.3]) {
      const footer = formatFooter({ model: 'claude-sonnet-4-6', inputTokens: 1234, outputTokens: 567, cacheReadTokens: 1000, costUsd, approximate: false });
      assert.ok(footer.endsWith(` · ${formatUsd(costUsd)}`), `${footer} vs ${formatUsd(costUsd)}`);
    }
    assert.strictEqual(
      formatFooter({ model: 'claude-sonnet-4-6', inputTokens: 1234, outputTokens: 567, cacheReadTokens: 1000, costUsd: 0.012, approximate: true }),
      'claude-sonnet-4-6 · ≈1,234 in (1,000 cached) · ≈567 out · ≈$0.0120',
    );
  });

  it('shows tokens only when the price is unknown, never $0', () => {
    assert.strictEqual(formatFooter({ model: 'gateway-model', inputTokens: 10, outputTokens: 5, cacheReadTokens: 0, approximate: false }), 'gateway-model · 10 in · 5 out');
  });
});
