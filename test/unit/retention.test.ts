import * as assert from 'node:assert';
import { expiredConversationIds } from '../../src/core/chat/retention';

describe('chat history retention', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  const day = 24 * 60 * 60 * 1000;
  const conversations = [
    { id: 'c-today', updatedAt: now - 1000 },
    { id: 'c-29-days', updatedAt: now - 29 * day },
    { id: 'c-31-days', updatedAt: now - 31 * day },
  ];

  it('deletes conversations untouched for longer than the retention period', () => {
    assert.deepStrictEqual(expiredConversationIds(conversations, 30, now), ['c-31-days']);
    assert.deepStrictEqual(expiredConversationIds(conversations, 1, now), ['c-29-days', 'c-31-days']);
  });

  it('keeps everything at 0 or a nonsense value', () => {
    assert.deepStrictEqual(expiredConversationIds(conversations, 0, now), []);
    assert.deepStrictEqual(expiredConversationIds(conversations, -5, now), []);
    assert.deepStrictEqual(expiredConversationIds(conversations, Number.NaN, now), []);
  });
});
