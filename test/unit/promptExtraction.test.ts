import * as assert from 'node:assert';
import { classifyCallee } from '../../src/core/prompts/callFinder';
import { mentionsAnthropicSdk } from '../../src/core/prompts/mentionsSdk';
import type { PromptScan } from '../../src/core/prompts/types';
import { callAfter, readPromptFixture, scan } from './promptTestSupport';

describe('prompt extraction: callee classification', () => {
  it('recognises every SDK method shape and rejects look-alikes', () => {
    assert.deepStrictEqual(classifyCallee('client.messages.create'), { method: 'messages.create', kind: 'create' });
    assert.deepStrictEqual(classifyCallee('this.anthropic?.messages\n  .stream'), { method: 'messages.stream', kind: 'stream' });
    assert.deepStrictEqual(classifyCallee('client.beta.messages.countTokens'), { method: 'beta.messages.countTokens', kind: 'countTokens' });
    assert.deepStrictEqual(classifyCallee('client.messages.count_tokens'), { method: 'messages.count_tokens', kind: 'countTokens' });
    assert.deepStrictEqual(classifyCallee('client.messages.batches.create'), { method: 'messages.batches.create', kind: 'batch' });
    assert.deepStrictEqual(classifyCallee('client.messages.with_raw_response.create'), { method: 'messages.create', kind: 'create' });
    assert.strictEqual(classifyCallee('openai.beta.threads.messages.create'), undefined);
    assert.strictEqual(classifyCallee('client.messages.list'), undefined);
    assert.strictEqual(classifyCallee('client.chat.completions.create'), undefined);
  });

  it('gates parsing on a mention of the SDK', () => {
    assert.strictEqual(mentionsAnthropicSdk(readPromptFixture('no-sdk.ts')), false);
    assert.strictEqual(mentionsAnthropicSdk("import Anthropic from '@anthropic-ai/sdk';"), true);
    assert.strictEqual(mentionsAnthropicSdk('from anthropic import AsyncAnthropic'), true);
  });
});

describe('prompt extraction: TypeScript fixture', () => {
  const text = readPromptFixture('support-bot.ts');
  let result: PromptScan;
  before(async () => {
    result = await scan(text, 'typescript');
  });

  it('finds each SDK call once, in source order, with the right method', () => {
    assert.deepStrictEqual(
      result.calls.map((call) => call.method),
      ['messages.create', 'messages.create', 'messages.stream', 'messages.create', 'messages.countTokens', 'beta.messages.create', 'messages.batches.create', 'messages.create'],
    );
    for (const call of result.calls) {
      const callee = text.slice(call.calleeRange.start, call.calleeRange.end);
      assert.match(callee, /messages/);
      assert.ok(text.slice(call.range.start, call.range.end).endsWith(')'));
    }
  });

  it('reads an inline call completely and can count it exactly', () => {
    const [request] = callAfter(text, result, '// 1.').requests;
    assert.strictEqual(request.model, 'claude-haiku-4-5');
    assert.strictEqual(request.maxTokens, 256);
    assert.deepStrictEqual(request.messageTexts, ['Write a one-sentence welcome for a new Lumen user.']);
    assert.deepStrictEqual(request.unresolved, []);
    assert.deepStrictEqual(request.countParams, {
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Write a one-sentence welcome for a new Lumen user.' }],
    });
  });

  it('follows constants, counts tools as input, notes cache_control and marks interpolations unknown', () => {
    const [request] = callAfter(text, result, '// 2.').requests;
    assert.strictEqual(request.model, 'claude-sonnet-4-6');
    assert.ok(request.systemText.startsWith('You are Ada, the support assistant for Lumen'));
    assert.strictEqual(request.toolCount, 1);
    assert.ok(request.toolsJson.includes('"escalate_ticket"') && request.toolsJson.includes('"enum":["low","normal","urgent"]'));
    assert.deepStrictEqual(request.messageTexts, ['Customer question: ']);
    assert.deepStrictEqual(request.cacheBreakpoints, [{ section: 'system', ttl: '5m', prefixChars: request.toolsJson.length + request.systemText.length }]);
    assert.ok(request.unresolved.some((line) => line.includes('1 interpolated value')));
    assert.strictEqual(request.countParams, undefined, 'a request with unknown parts is never sent for counting');
  });

  it('reads options built in a variable, and a model from an env fallback', () => {
    const call = callAfter(text, result, '// 3.');
    assert.strictEqual(call.kind, 'stream');
    const [request] = call.requests;
    assert.strictEqual(request.model, 'claude-haiku-4-5');
    assert.strictEqual(request.systemText, 'Summarise support tickets in two sentences for the on-call engineer.');
    assert.ok(request.unresolved.some((line) => line.includes('`ticket`')));
  });

  it('reads a multi-turn history array and the thinking budget', () => {
    const [request] = callAfter(text, result, '// 4.').requests;
    assert.deepStrictEqual(request.messageRoles, ['user', 'assistant', 'user']);
    assert.strictEqual(request.messageTexts[1], 'Use the Trello importer under Settings → Import. It keeps lists, cards and labels.');
    assert.strictEqual(request.thinkingBudget, 8000);
    assert.strictEqual(request.maxTokens, 16000);
    assert.ok(request.countParams && 'thinking' in request.countParams);
  });

  it('merges spread options and reads the one-hour TTL', () => {
    const [count] = callAfter(text, result, '// 5.').requests;
    assert.strictEqual(count.model, 'claude-sonnet-4-6');
    assert.ok(count.systemText.startsWith('You are Ada'));
    const [beta] = callAfter(text, result, '// 6.').requests;
    assert.strictEqual(beta.cacheBreakpoints[0].ttl, '1h');
    assert.ok(beta.countParams && !('betas' in beta.countParams), 'only countTokens fields are sent');
  });

  it('reads every request of a batch', () => {
    const call = callAfter(text, result, '// 7.');
    assert.strictEqual(call.kind, 'batch');
    assert.deepStrictEqual(
      call.requests.map((request) => [request.model, request.maxTokens, request.messageTexts[0]]),
      [
        ['claude-haiku-4-5', 300, 'Rewrite the FAQ entry on sprint velocity in plain words.'],
        ['claude-haiku-4-5', 300, 'Rewrite the FAQ entry on guest access in plain words.'],
      ],
    );
  });

  it('says which model expression it could not resolve', () => {
    const [request] = callAfter(text, result, '// 8.').requests;
    assert.strictEqual(request.model, undefined);
    assert.strictEqual(request.modelSource, 'model');
  });

  it('finds the long SYSTEM_PROMPT constant and prices it with the model of a call that uses it', () => {
    assert.deepStrictEqual(result.literals.map((literal) => literal.name), ['SYSTEM_PROMPT']);
    const [literal] = result.literals;
    assert.strictEqual(literal.model, 'claude-sonnet-4-6');
    assert.ok(text.slice(literal.range.start, literal.range.end).startsWith('export const SYSTEM_PROMPT'));
    assert.ok(literal.text.endsWith('lumen.example/roadmap.'));
  });

  it('gives hover spans for the prompt strings inside a call', () => {
    const call = callAfter(text, result, '// 1.');
    assert.deepStrictEqual(
      call.promptSpans.map((span) => text.slice(span.start, span.end)),
      ["'Write a one-sentence welcome for a new Lumen user.'"],
    );
  });
});

describe('prompt extraction: JavaScript, TSX and Python fixtures', () => {
  it('reads a chained .stream() call and a batch built from data (JavaScript)', async () => {
    const text = readPromptFixture('batch-worker.js');
    const result = await scan(text, 'javascript');
    assert.deepStrictEqual(result.calls.map((call) => call.method), ['messages.stream', 'messages.batches.create']);
    const [stream, batch] = result.calls;
    assert.strictEqual(stream.requests[0].model, 'claude-haiku-4-5', 'shorthand `model` resolves to the const');
    assert.deepStrictEqual(stream.requests[0].messageTexts, ['Translate into :\n\n']);
    assert.ok(stream.requests[0].unresolved.some((line) => line.includes('2 interpolated values')));
    assert.strictEqual(batch.requests.length, 0);
    assert.strictEqual(batch.batchUnresolved, true);
  });

  it('joins array literals and counts an image block as not estimable (TSX)', async () => {
    const text = readPromptFixture('assistant-panel.tsx');
    const result = await scan(text, 'tsx');
    assert.strictEqual(result.calls.length, 1);
    const [request] = result.calls[0].requests;
    assert.strictEqual(
      request.systemText,
      'You review screenshots of dashboards.\nList at most five problems, most important first.\nMention colours only when contrast is too low to read.',
    );
    assert.strictEqual(request.mediaBlocks, 1);
    assert.deepStrictEqual(request.messageTexts, ['Review this dashboard.']);
    assert.strictEqual(request.countParams, undefined);
  });

  describe('Python', () => {
    const text = readPromptFixture('research_agent.py');
    let result: PromptScan;
    before(async () => {
      result = await scan(text, 'python');
    });

    it('finds create, stream, count_tokens, beta and batch calls', () => {
      assert.deepStrictEqual(
        result.calls.map((call) => call.method),
        ['messages.create', 'messages.stream', 'messages.count_tokens', 'beta.messages.create', 'messages.batches.create'],
      );
    });

    it('reads keyword arguments, os.environ.get defaults, dedent and f-strings', () => {
      const [request] = result.calls[0].requests;
      assert.strictEqual(request.model, 'claude-sonnet-4-6');
      assert.strictEqual(request.maxTokens, 4096);
      assert.ok(request.systemText.startsWith('You are a careful research assistant. You read'), 'dedent removes the indentation');
      assert.ok(!request.systemText.startsWith(' '));
      assert.deepStrictEqual(request.messageTexts, ['Sources:\n\n\nQuestion: ']);
      assert.ok(request.unresolved.some((line) => line.includes('2 interpolated values')));
      assert.strictEqual(request.toolCount, 1);
      assert.strictEqual(request.cacheBreakpoints[0].section, 'system');
    });

    it('merges **dict(...) options into count_tokens', () => {
      const [request] = result.calls[2].requests;
      assert.strictEqual(request.model, 'claude-sonnet-4-6');
      assert.ok(request.systemText.startsWith('You are a careful research assistant.'));
      assert.deepStrictEqual(request.unresolved, []);
      assert.ok(request.countParams);
    });

    it('reads TypedDict constructors in a batch', () => {
      const batch = result.calls[4];
      assert.deepStrictEqual(
        batch.requests.map((request) => [request.model, request.maxTokens, request.messageTexts[0]]),
        [
          ['claude-haiku-4-5', 50, 'Suggest a title for a paper on sparse retrieval.'],
          ['claude-haiku-4-5', 50, 'Suggest a title for a paper on query rewriting.'],
        ],
      );
    });

    it('finds the long SYSTEM_PROMPT', () => {
      assert.deepStrictEqual(result.literals.map((literal) => [literal.name, literal.model]), [['SYSTEM_PROMPT', 'claude-sonnet-4-6']]);
    });
  });
});

describe('prompt extraction: edge cases', () => {
  it('decodes escapes, respects raw strings and f-string braces (Python)', async () => {
    const text = [
      'import anthropic',
      'client = anthropic.Anthropic()',
      'client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[',
      '  {"role": "user", "content": "tab\\there caf\\u00e9"},',
      '  {"role": "user", "content": r"keep \\n raw"},',
      '  {"role": "user", "content": f"{{literal}} and {NAME}"},',
      '])',
      'NAME = "Ada"',
    ].join('\n');
    const { calls } = await scan(text, 'python');
    assert.deepStrictEqual(calls[0].requests[0].messageTexts, ['tab\there café', 'keep \\n raw', '{literal} and Ada']);
  });

  it('does not follow a name shadowed by a parameter, and stops on cycles (TypeScript)', async () => {
    const text = [
      "import Anthropic from '@anthropic-ai/sdk';",
      "const MODEL = 'claude-haiku-4-5';",
      'const a = b; const b = a;',
      'export function run(client: Anthropic, MODEL: string) {',
      '  return client.messages.create({ model: MODEL, max_tokens: 10, messages: [{ role: "user", content: a }] });',
      '}',
    ].join('\n');
    const { calls } = await scan(text, 'typescript');
    const [request] = calls[0].requests;
    assert.strictEqual(request.model, undefined);
    assert.strictEqual(request.modelSource, 'MODEL');
    assert.deepStrictEqual(request.messageTexts, ['']);
  });

  it('keeps going in a file with syntax errors', async () => {
    const text = "import Anthropic from '@anthropic-ai/sdk';\nconst x = {{{;\nclient.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 1, messages: [] });\n";
    const { calls } = await scan(text, 'typescript');
    assert.strictEqual(calls.length, 1);
    assert.strictEqual(calls[0].requests[0].model, 'claude-sonnet-4-6');
  });

  it('reads a call typed halfway, whose value the parser stands in for with an empty name', async () => {
    // `model: ` with nothing after it yet: the parser inserts a missing (empty) identifier, which must
    // not be searched for in the text (an empty string is found at every offset, forever).
    const text = "import Anthropic from '@anthropic-ai/sdk';\nconst history = [];\nclient.messages.create({ model: , max_tokens: 1, messages: history });\nhistory.push(1);\n";
    const { calls } = await scan(text, 'typescript');
    assert.strictEqual(calls.length, 1);
    assert.strictEqual(calls[0].requests[0].model, undefined);
  });

  it('ignores short prompt-named strings and non-string declarations', async () => {
    const text = "// anthropic\nconst prompt = 'hi';\nconst promptConfig = { text: '" + 'x'.repeat(400) + "' };\nconst userPrompt = `" + 'y'.repeat(400) + '`;\n';
    const { literals } = await scan(text, 'typescript');
    assert.deepStrictEqual(literals.map((literal) => [literal.name, literal.text.length]), [['userPrompt', 400]]);
  });
});
