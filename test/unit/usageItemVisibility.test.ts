import * as assert from 'node:assert';
import { usageItemVisible } from '../../src/core/usage/usageItemVisibility';

describe('usage status bar item: shown only once it has something to say', () => {
  const quiet = { show: 'auto', hasKey: false, requestsThisMonth: 0, inFlight: 0 } as const;

  it('auto: hidden for a window without a key or requests (a lint-only user)', () => {
    assert.strictEqual(usageItemVisible(quiet), false);
  });

  it('auto: shown once a key is set, a request was made this month, or one streams now', () => {
    assert.strictEqual(usageItemVisible({ ...quiet, hasKey: true }), true);
    assert.strictEqual(usageItemVisible({ ...quiet, requestsThisMonth: 1 }), true);
    assert.strictEqual(usageItemVisible({ ...quiet, inFlight: 1 }), true);
  });

  it('always and never override', () => {
    assert.strictEqual(usageItemVisible({ ...quiet, show: 'always' }), true);
    assert.strictEqual(usageItemVisible({ ...quiet, show: 'never', hasKey: true, requestsThisMonth: 3 }), false);
  });
});
