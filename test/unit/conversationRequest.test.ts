import * as assert from 'node:assert';
import type { AssistantTurn, Turn } from '../../src/core/chat/conversation';
import { appendUserTurn, createConversation, titleFromText } from '../../src/core/chat/conversation';
import { applyParametersPatch, defaultParameters } from '../../src/core/chat/parameters';
import { buildRequest, requestFor, toRequestMessages } from '../../src/core/chat/requestBuilder';

const user = (id: string, text: string): Turn => ({ role: 'user', id, text, createdAt: 1 });
const assistant = (id: string, blocks: AssistantTurn['blocks'], status: AssistantTurn['status'] = 'complete'): AssistantTurn => ({
  role: 'assistant',
  id,
  createdAt: 2,
  model: 'claude-sonnet-4-5',
  blocks,
  status,
});

describe('conversation request building', () => {
  it('sends a multi-turn history with roles alternating and single text blocks as strings', () => {
    const messages = toRequestMessages([
      user('u1', 'Hi'),
      assistant('a1', [{ type: 'text', text: 'Hello!' }]),
      user('u2', 'How are you?'),
    ]);
    assert.deepStrictEqual(messages, [
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'How are you?' },
    ]);
  });

  it('passes thinking blocks of complete turns back with their signatures, in order', () => {
    const messages = toRequestMessages([
      user('u1', 'Think'),
      assistant('a1', [
        { type: 'thinking', thinking: 'hmm', signature: 'sig1' },
        { type: 'redacted_thinking', data: 'enc' },
        { type: 'text', text: 'Done' },
      ]),
      user('u2', 'More'),
    ]);
    assert.deepStrictEqual(messages[1], {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 'sig1' },
        { type: 'redacted_thinking', data: 'enc' },
        { type: 'text', text: 'Done' },
      ],
    });
  });

  it('keeps only the text of an interrupted reply and merges turns so roles still alternate', () => {
    const messages = toRequestMessages([
      user('u1', 'First'),
      assistant('a1', [{ type: 'thinking', thinking: 'half a thou' }, { type: 'text', text: 'Partial ans' }], 'interrupted'),
      user('u2', 'Second'),
      assistant('a2', [{ type: 'thinking', thinking: 'unsigned' }], 'interrupted'),
      user('u3', 'Third'),
    ]);
    assert.deepStrictEqual(messages, [
      { role: 'user', content: 'First' },
      { role: 'assistant', content: 'Partial ans' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Second' },
          { type: 'text', text: 'Third' },
        ],
      },
    ]);
  });

  it('ends a continuation with the partial reply, trailing whitespace removed', () => {
    const messages = toRequestMessages(
      [user('u1', 'Write'), assistant('a1', [{ type: 'thinking', thinking: 't', signature: 's' }, { type: 'text', text: 'Once upon a \n' }], 'interrupted')],
      'continue',
    );
    assert.deepStrictEqual(messages.at(-1), { role: 'assistant', content: 'Once upon a' });
  });

  it('builds the request body from the parameters', () => {
    const parameters = applyParametersPatch(defaultParameters('claude-haiku-4-5', 1000), {
      systemPrompt: 'Be brief.',
      thinkingEnabled: true,
      thinkingBudgetTokens: 2048,
    });
    const messages = [{ role: 'user' as const, content: 'Hi' }];
    const request = buildRequest(parameters, messages);
    assert.deepStrictEqual(request, {
      model: 'claude-haiku-4-5',
      max_tokens: 3072,
      messages,
      system: 'Be brief.',
      thinking: { type: 'enabled', budget_tokens: 2048, display: 'summarized' },
    });
    assert.strictEqual(buildRequest(parameters, messages, 'continue').thinking, undefined);
    assert.strictEqual(buildRequest(defaultParameters(), messages).system, undefined);
  });

  it('builds the request for a conversation and titles it after the first message', () => {
    const conversation = createConversation('c1', defaultParameters(), 5);
    appendUserTurn(conversation, { role: 'user', id: 'u1', text: '  Explain   prompt caching\nplease ', createdAt: 6 });
    appendUserTurn(conversation, { role: 'user', id: 'u2', text: 'Another', createdAt: 7 });
    assert.strictEqual(conversation.title, 'Explain prompt caching please');
    assert.strictEqual(conversation.updatedAt, 7);
    assert.strictEqual(requestFor(conversation).messages.length, 1);
    assert.ok(titleFromText('x'.repeat(200)).length <= 60);
  });
});

describe('conversation parameters', () => {
  it('keeps token counts whole and within limits, and the thinking budget below max tokens', () => {
    const base = defaultParameters();
    assert.strictEqual(applyParametersPatch(base, { maxTokens: -5 }).maxTokens, 1);
    assert.strictEqual(applyParametersPatch(base, { maxTokens: 10_000_000 }).maxTokens, 128_000);
    assert.strictEqual(applyParametersPatch(base, { maxTokens: 100.6 }).maxTokens, 101);
    assert.strictEqual(applyParametersPatch(base, { thinkingBudgetTokens: 10 }).thinking.budgetTokens, 1024);
    const thinking = applyParametersPatch(base, { maxTokens: 1500, thinkingEnabled: true, thinkingBudgetTokens: 4000 });
    assert.ok(thinking.maxTokens > thinking.thinking.budgetTokens, JSON.stringify(thinking));
    assert.strictEqual(applyParametersPatch(base, { model: '   ' }).model, 'claude-sonnet-5-5');
  });

  it('leaves the original parameters untouched', () => {
    const base = defaultParameters();
    const copy = JSON.parse(JSON.stringify(base)) as unknown;
    applyParametersPatch(base, { thinkingEnabled: true, systemPrompt: 'x', model: 'claude-opus-4-5' });
    assert.deepStrictEqual(base, copy);
  });
});
