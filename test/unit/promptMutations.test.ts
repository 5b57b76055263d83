import * as assert from 'node:assert';
import type { FormatOptions } from '../../src/core/prompts/format';
import { callLensTitle } from '../../src/core/prompts/format';
import { callHoverMarkdown } from '../../src/core/prompts/hoverMarkdown';
import { lookupModelPrice } from '../../src/core/prices/lookup';
import type { PromptScan } from '../../src/core/prompts/types';
import { readPromptFixture, scan } from './promptTestSupport';

const options: FormatOptions = { priceOf: (modelId) => lookupModelPrice(modelId), compareModels: [], exactFor: () => undefined, exactCountsEnabled: false };

/** 1-based line of the `index`-th occurrence of `needle`. */
function lineOf(text: string, needle: string, index = 0): number {
  let at = -1;
  for (let i = 0; i <= index; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found`);
  return text.slice(0, at).split('\n').length;
}

describe('prompt extraction: values grown after their declaration', () => {
  describe('Python', () => {
    const text = readPromptFixture('growing_context.py');
    let result: PromptScan;
    before(async () => {
      result = await scan(text, 'python');
    });

    it('keeps a call complete when nothing changes its values before it', () => {
      const [request] = result.calls[0].requests;
      assert.deepStrictEqual(request.unresolved, []);
      assert.ok(request.countParams);
      assert.doesNotMatch(callLensTitle(result.calls[0], options), /\+ tok/);
    });

    it('marks a list appended to before the call as partial, saying where', () => {
      const call = result.calls[1];
      const [request] = call.requests;
      assert.deepStrictEqual(request.unresolved, [
        `\`history\` is appended to at line ${lineOf(text, 'history.append')}`,
        `\`history\` is appended to at line ${lineOf(text, 'history.append', 1)}`,
      ]);
      assert.strictEqual(request.countParams, undefined, 'no exact count for a request the code does not send');
      assert.match(callLensTitle(call, options), /\+ tok/);
      assert.match(callHoverMarkdown(call, options), /`history` is appended to at line \d+/);
    });

    it('follows a string grown with +=', () => {
      const [request] = result.calls[2].requests;
      assert.strictEqual(request.systemText, 'You answer questions about the documents below.\n');
      assert.deepStrictEqual(request.unresolved, [`\`system\` is grown with += at line ${lineOf(text, 'system +=')}`]);
    });

    it('counts appends after the call when both are in the same loop', () => {
      const [request] = result.calls[3].requests;
      assert.deepStrictEqual(request.unresolved, [
        `\`conversation\` is appended to at line ${lineOf(text, 'conversation.append')}`,
        `\`conversation\` is appended to at line ${lineOf(text, 'conversation.append', 1)}`,
        'message content (`question`)',
      ]);
    });

    it('notices an item set in a nested block', () => {
      const [request] = result.calls[4].requests;
      assert.deepStrictEqual(request.unresolved, [`\`params\` has an item set at line ${lineOf(text, 'params["system"]')}`]);
    });
  });

  it('TypeScript: .push and a field set make the request partial; a push after a straight-line call does not', async () => {
    const text = [
      "import Anthropic from '@anthropic-ai/sdk';",
      'const client = new Anthropic();',
      "const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'Hello' }];",
      "const first = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, messages });",
      "messages.push({ role: 'assistant', content: 'Hi!' });",
      "const options = { model: 'claude-haiku-4-5', max_tokens: 100, messages, system: 'Be kind.' };",
      "if (process.env.TERSE) { options.system = 'Be terse.'; }",
      'const second = await client.messages.create(options);',
    ].join('\n');
    const result = await scan(text, 'typescript');
    assert.deepStrictEqual(result.calls[0].requests[0].unresolved, []);
    assert.deepStrictEqual(result.calls[1].requests[0].unresolved, ['`messages` is appended to at line 5', '`options` has a field set at line 7']);
  });
});
