import * as assert from 'node:assert';
import type { Conversation } from '../../src/core/chat/conversation';
import { CorruptConversationError, parseConversation, serializeConversation } from '../../src/core/chat/conversationCodec';
import { defaultParameters } from '../../src/core/chat/parameters';

function sample(): Conversation {
  return {
    id: 'c1',
    title: 'Caching',
    titleEdited: true,
    createdAt: 1,
    updatedAt: 3,
    parameters: { ...defaultParameters('claude-haiku-4-5', 2000), systemPrompt: 'Be brief.' },
    turns: [
      { role: 'user', id: 'u1', text: 'Explain caching <b>now</b>', createdAt: 1 },
      {
        role: 'assistant',
        id: 'a1',
        createdAt: 2,
        model: 'claude-haiku-4-5',
        blocks: [
          { type: 'thinking', thinking: 'hmm', signature: 'sig' },
          { type: 'redacted_thinking', data: 'xyz' },
          { type: 'text', text: 'Caching stores…' },
        ],
        status: 'complete',
        stopReason: 'end_turn',
        footer: { model: 'claude-haiku-4-5', inputTokens: 10, outputTokens: 20, cacheReadTokens: 0, costUsd: 0.00011, approximate: false },
      },
      { role: 'user', id: 'u2', text: 'More', createdAt: 3 },
      {
        role: 'assistant',
        id: 'a2',
        createdAt: 3,
        model: 'claude-haiku-4-5',
        blocks: [{ type: 'text', text: 'Part' }],
        status: 'interrupted',
        error: {
          kind: 'rateLimit',
          message: 'Rate limited (429).',
          status: 429,
          retryAfterSeconds: 7,
          requestId: 'req_1',
          actions: [{ kind: 'openSettings', label: 'Check Base URL', setting: 'claudeApi.baseUrl' }],
        },
      },
    ],
  };
}

describe('conversation codec', () => {
  it('round-trips a conversation exactly', () => {
    const conversation = sample();
    assert.deepStrictEqual(parseConversation(serializeConversation(conversation)), conversation);
  });

  it('refuses damaged files with a reason', () => {
    const good = JSON.parse(serializeConversation(sample())) as { conversation: { turns: unknown[] } };
    const variants: [string, string][] = [
      ['{"format":"claude-api-toolkit/conversation","version":1,"conversation":', 'not JSON'],
      ['[]', 'file is not an object'],
      [JSON.stringify({ ...good, format: 'other' }), 'unknown format'],
      [JSON.stringify({ ...good, version: 99 }), 'unsupported version 99'],
      [JSON.stringify({ ...good, conversation: { ...good.conversation, turns: 'none' } }), 'turns is not a list'],
      [JSON.stringify({ ...good, conversation: { ...good.conversation, turns: [{ role: 'system', id: 'x', createdAt: 1 }] } }), 'turns[0].role'],
      [JSON.stringify({ ...good, conversation: { ...good.conversation, turns: [{ role: 'user', id: 'x', createdAt: 1, text: 5 }] } }), 'turns[0].text'],
      [
        JSON.stringify({
          ...good,
          conversation: { ...good.conversation, turns: [{ role: 'assistant', id: 'x', createdAt: 1, model: 'm', blocks: [{ type: 'image' }] }] },
        }),
        'turns[0].blocks[0].type',
      ],
    ];
    for (const [text, reason] of variants) {
      assert.throws(
        () => parseConversation(text),
        (error: unknown) => error instanceof CorruptConversationError && error.reason.includes(reason),
        reason,
      );
    }
  });

  it('reads a reply saved mid-stream as interrupted and drops unreadable buttons', () => {
    const file = JSON.parse(serializeConversation(sample())) as {
      conversation: { turns: Record<string, unknown>[] };
    };
    file.conversation.turns[3].status = 'streaming';
    (file.conversation.turns[3].error as { actions: unknown[] }).actions.push({ kind: 'rm', label: 'x' });
    const parsed = parseConversation(JSON.stringify(file));
    const turn = parsed.turns[3];
    assert.ok(turn.role === 'assistant');
    assert.strictEqual(turn.status, 'interrupted');
    assert.strictEqual(turn.error?.actions.length, 1);
  });
});
