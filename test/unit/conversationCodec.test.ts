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

describe('conversation codec: attachments', () => {
  const blob = `${'a'.repeat(64)}.png`;

  it('reads a conversation stored before attachments existed, unchanged', () => {
    // Written by the release before attachments, byte for byte: no `attachments` anywhere.
    const old =
      '{"format":"claude-api-toolkit/conversation","version":1,"conversation":{"id":"c-old","title":"Hi","titleEdited":false,"createdAt":10,"updatedAt":20,' +
      '"parameters":{"model":"claude-sonnet-4-5","systemPrompt":"","maxTokens":4096,"thinking":{"enabled":false,"budgetTokens":1024}},' +
      '"turns":[{"role":"user","id":"u1","text":"Hi","createdAt":10},{"role":"assistant","id":"a1","createdAt":20,"model":"claude-sonnet-4-5","blocks":[{"type":"text","text":"Hello"}],"status":"complete"}]}}';
    const parsed = parseConversation(old);
    assert.deepStrictEqual(parsed.turns[0], { role: 'user', id: 'u1', text: 'Hi', createdAt: 10 });
    assert.strictEqual(serializeConversation(parsed), old, 'saved again, it is the same file');
  });

  it('round-trips attachments by reference, without their bytes and without the load-time missing mark', () => {
    const conversation = sample();
    conversation.turns[0] = {
      role: 'user',
      id: 'u1',
      text: 'What is this?',
      createdAt: 1,
      attachments: [
        { id: 'att-1', kind: 'image', name: 'shot.png', mediaType: 'image/png', blob, bytes: 2_000_000, width: 800, height: 600 },
        { id: 'att-2', kind: 'text', name: 'src/a.ts', mediaType: 'text/plain', blob: `${'b'.repeat(64)}.txt`, bytes: 10, chars: 40, lines: { start: 1, end: 2 }, languageId: 'typescript' },
        { id: 'att-3', kind: 'pdf', name: 'p.pdf', mediaType: 'application/pdf', blob: `${'c'.repeat(64)}.pdf`, bytes: 20_000_000, pages: 12 },
      ],
    };
    const text = serializeConversation(conversation);
    assert.ok(text.length < 3000, `${text.length} characters for 22 MB of attachments`);
    assert.deepStrictEqual(parseConversation(text), conversation);
    const first = conversation.turns[0];
    assert.ok(first.role === 'user' && first.attachments);
    first.attachments[0].missing = true;
    assert.ok(!serializeConversation(conversation).includes('missing'));
  });

  it('refuses attachments that are not what they claim or point outside the attachments folder', () => {
    const base = { id: 'att', kind: 'image', name: 'x', mediaType: 'image/png', blob, bytes: 1 };
    const bad: [Record<string, unknown>, string][] = [
      [{ ...base, blob: '../../secrets.txt' }, 'blob is not an attachment file name'],
      [{ ...base, blob: `${'A'.repeat(64)}.png` }, 'blob is not an attachment file name'],
      [{ ...base, mediaType: 'image/bmp' }, 'mediaType does not fit its kind'],
      [{ ...base, kind: 'pdf' }, 'mediaType does not fit its kind'],
      [{ ...base, kind: 'video' }, 'kind is unknown'],
      [{ ...base, bytes: 'many' }, 'bytes is not a number'],
    ];
    for (const [attachment, reason] of bad) {
      const file = JSON.parse(serializeConversation(sample())) as { conversation: { turns: Record<string, unknown>[] } };
      file.conversation.turns[0].attachments = [attachment];
      assert.throws(
        () => parseConversation(JSON.stringify(file)),
        (error: unknown) => error instanceof CorruptConversationError && error.reason.includes(reason),
        reason,
      );
    }
  });
});
