import * as assert from 'node:assert';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import type { AssistantTurn } from '../../src/core/chat/conversation';
import { assistantText } from '../../src/core/chat/conversation';
import { ReplyAccumulator } from '../../src/core/chat/replyAccumulator';
import type { ToWebviewMessage } from '../../src/shared/chatProtocol';

const newTurn = (blocks: AssistantTurn['blocks'] = []): AssistantTurn => ({
  role: 'assistant',
  id: 't1',
  createdAt: 0,
  model: 'claude-sonnet-4-5',
  blocks,
  status: 'interrupted',
});

/** Events as the API streams them (loosely typed: the accumulator must cope with what arrives). */
function ev(event: object): RawMessageStreamEvent {
  return event as RawMessageStreamEvent;
}

function replyEvents(thinking: string[], text: string[]): RawMessageStreamEvent[] {
  const events = [ev({ type: 'message_start', message: { model: 'claude-sonnet-4-5-20250929', usage: { input_tokens: 5, output_tokens: 1 } } })];
  let index = 0;
  if (thinking.length > 0) {
    events.push(ev({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
    for (const piece of thinking) events.push(ev({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: piece } }));
    events.push(ev({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: 'SIG' } }));
    events.push(ev({ type: 'content_block_stop', index }));
    index++;
  }
  events.push(ev({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
  events.push(ev({ type: 'ping' }));
  for (const piece of text) events.push(ev({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } }));
  events.push(ev({ type: 'content_block_stop', index }));
  events.push(ev({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 9 } }));
  events.push(ev({ type: 'message_stop' }));
  return events;
}

describe('ReplyAccumulator', () => {
  it('builds the stored turn (thinking with its signature) and coalesces deltas per block', () => {
    const turn = newTurn();
    const posted: ToWebviewMessage[] = [];
    const accumulator = new ReplyAccumulator(turn, (m) => posted.push(m));
    for (const event of replyEvents(['Let me ', 'think.'], ['Hel', 'lo', ' there'])) accumulator.apply(event);
    accumulator.flush();

    assert.deepStrictEqual(turn.blocks, [
      { type: 'thinking', thinking: 'Let me think.', signature: 'SIG' },
      { type: 'text', text: 'Hello there' },
    ]);
    assert.strictEqual(accumulator.stopReason, 'end_turn');
    assert.strictEqual(accumulator.model, 'claude-sonnet-4-5-20250929');
    assert.ok(accumulator.stopped);
    assert.deepStrictEqual(posted, [
      { type: 'didStartBlock', turnId: 't1', index: 0, kind: 'thinking' },
      { type: 'didAppendThinking', turnId: 't1', index: 0, text: 'Let me think.' },
      { type: 'didEndBlock', turnId: 't1', index: 0 },
      { type: 'didStartBlock', turnId: 't1', index: 1, kind: 'text' },
      { type: 'didAppendText', turnId: 't1', index: 1, text: 'Hello there' },
      { type: 'didEndBlock', turnId: 't1', index: 1 },
    ]);
  });

  it('sends what is pending when flushed mid-block, and nothing more when nothing is new', () => {
    const turn = newTurn();
    const posted: ToWebviewMessage[] = [];
    const accumulator = new ReplyAccumulator(turn, (m) => posted.push(m));
    const events = replyEvents([], ['a', 'b', 'c', 'd']);
    for (const event of events.slice(0, 5)) accumulator.apply(event); // start, block start, ping, 'a', 'b'
    accumulator.flush();
    accumulator.flush();
    for (const event of events.slice(5, 7)) accumulator.apply(event);
    accumulator.flush();
    const texts = posted.filter((m) => m.type === 'didAppendText').map((m) => (m.type === 'didAppendText' ? m.text : ''));
    assert.deepStrictEqual(texts, ['ab', 'cd']);
    assert.strictEqual(accumulator.stopped, false);
  });

  it('joins a continuation onto the last text block of the interrupted turn', () => {
    const turn = newTurn([{ type: 'text', text: 'Once upon' }]);
    const posted: ToWebviewMessage[] = [];
    const accumulator = new ReplyAccumulator(turn, (m) => posted.push(m), { continuing: true });
    for (const event of replyEvents([], [' a time'])) accumulator.apply(event);
    accumulator.flush();
    assert.deepStrictEqual(turn.blocks, [{ type: 'text', text: 'Once upon a time' }]);
    assert.ok(!posted.some((m) => m.type === 'didStartBlock'));
    assert.deepStrictEqual(posted[0], { type: 'didAppendText', turnId: 't1', index: 0, text: ' a time' });
  });

  it('ignores unknown events, unknown block kinds and their deltas', () => {
    const turn = newTurn();
    const posted: ToWebviewMessage[] = [];
    const accumulator = new ReplyAccumulator(turn, (m) => posted.push(m));
    accumulator.apply(ev({ type: 'something_new', foo: 1 }));
    accumulator.apply(ev({ type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'x', name: 'y', input: {} } }));
    accumulator.apply(ev({ type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{' } }));
    accumulator.apply(ev({ type: 'content_block_stop', index: 0 }));
    accumulator.apply(ev({ type: 'content_block_delta', index: 7, delta: { type: 'text_delta', text: 'orphan' } }));
    accumulator.flush();
    assert.deepStrictEqual(turn.blocks, []);
    assert.deepStrictEqual(posted, []);
    assert.strictEqual(assistantText(turn), '');
  });

  it('keeps the number of messages small for a long reply', () => {
    const turn = newTurn();
    let messages = 0;
    const accumulator = new ReplyAccumulator(turn, () => messages++);
    const pieces = Array.from({ length: 10_000 }, (_, i) => `w${i} `);
    const events = replyEvents([], pieces);
    events.forEach((event, i) => {
      accumulator.apply(event);
      if (i % 100 === 0) accumulator.flush(); // a flush timer firing every ~100 deltas
    });
    accumulator.flush();
    assert.strictEqual(assistantText(turn), pieces.join(''));
    assert.ok(messages < 150, `${messages} messages for 10,000 deltas`);
  });
});
