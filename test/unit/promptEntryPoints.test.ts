import * as assert from 'node:assert';
import { classifyCallee } from '../../src/core/prompts/callFinder';
import { estimateForModel, toolSystemPromptTokens } from '../../src/core/prompts/estimate';
import type { FormatOptions } from '../../src/core/prompts/format';
import { callLensTitle } from '../../src/core/prompts/format';
import { callHoverMarkdown } from '../../src/core/prompts/hoverMarkdown';
import { lookupModelPrice } from '../../src/core/prices/lookup';
import { maxStaticChars } from '../../src/core/prompts/staticValue';
import { tokenizerGeneration } from '../../src/core/tokenEstimate';
import type { PromptScan } from '../../src/core/prompts/types';
import { callAfter, readPromptFixture, scan } from './promptTestSupport';

const options: FormatOptions = {
  priceOf: (modelId) => lookupModelPrice(modelId),
  compareModels: ['claude-haiku-4-5', 'claude-sonnet-4-6'],
  exactFor: () => undefined,
  exactCountsEnabled: false,
};

describe('prompt entry points: method names', () => {
  it('classifies parse and the tool runners as Messages requests', () => {
    assert.deepStrictEqual(classifyCallee('client.messages.parse'), { method: 'messages.parse', kind: 'create' });
    assert.deepStrictEqual(classifyCallee('client.beta.messages.toolRunner'), { method: 'beta.messages.toolRunner', kind: 'toolRunner' });
    assert.deepStrictEqual(classifyCallee('client.beta.messages.tool_runner'), { method: 'beta.messages.tool_runner', kind: 'toolRunner' });
    assert.deepStrictEqual(classifyCallee('async_client.messages.with_streaming_response.create'), { method: 'messages.create', kind: 'create' });
    assert.strictEqual(classifyCallee('client.messages.retrieve'), undefined);
  });
});

describe('prompt entry points: Python SDK shapes', () => {
  const text = readPromptFixture('sdk_entry_points.py');
  let result: PromptScan;
  before(async () => {
    result = await scan(text, 'python');
  });

  it('finds parse, tool_runner, async stream, Bedrock and plain create calls', () => {
    assert.deepStrictEqual(
      result.calls.map((call) => call.method),
      ['messages.parse', 'beta.messages.tool_runner', 'messages.stream', 'messages.create', 'messages.create', 'messages.create'],
    );
  });

  it('says the Pydantic output schema of parse is not counted', () => {
    const [request] = callAfter(text, result, '# 1.').requests;
    assert.deepStrictEqual(request.messageTexts, ['Extract the order: 3 boxes of green tea.']);
    assert.ok(request.unresolved.some((line) => line.includes('output format schema') && line.includes('Order')), request.unresolved.join('\n'));
    assert.strictEqual(request.countParams, undefined);
  });

  it('turns a @beta_tool function into the tool JSON the SDK sends', () => {
    const call = callAfter(text, result, '# 2.');
    const [request] = call.requests;
    assert.strictEqual(call.kind, 'toolRunner');
    assert.strictEqual(request.toolCount, 1);
    const tool = JSON.parse(request.toolsJson) as { name: string; description: string; input_schema: { properties: Record<string, { type: string; description: string }>; required: string[] } };
    assert.strictEqual(tool.name, 'get_weather');
    assert.strictEqual(tool.description, 'Get the current weather in a given location.');
    assert.deepStrictEqual(tool.input_schema.required, ['location']);
    assert.strictEqual(tool.input_schema.properties.unit.type, 'string');
    assert.strictEqual(tool.input_schema.properties.location.description, 'The city and state, e.g. San Francisco, CA');
    assert.deepStrictEqual(request.unresolved, []);
    assert.match(callHoverMarkdown(call, options), /tool runner sends this request first/);
  });

  it('reads the Bedrock model id with the tokenizer of the model it names', () => {
    const [request] = callAfter(text, result, '# 4.').requests;
    assert.strictEqual(request.model, 'us.anthropic.claude-opus-4-7-v1:0');
    assert.strictEqual(tokenizerGeneration(request.model), 'new');
    assert.strictEqual(tokenizerGeneration('anthropic.claude-sonnet-4-5-20250929-v1:0'), 'classic');
    assert.strictEqual(tokenizerGeneration('claude-sonnet-4-5@20250929'), 'classic');
  });

  it('works out helpers, join over a generator, and .format with literal arguments', () => {
    const repetition = result.calls[4];
    const [request] = repetition.requests;
    assert.strictEqual(request.systemText, '- Be brief.\n- Cite sources.\n- No speculation.');
    assert.deepStrictEqual(request.messageTexts, ['Summarise the report on solar power for investors.']);
    assert.deepStrictEqual(request.unresolved, []);
    assert.ok(request.countParams, 'fully known: can be counted exactly');
  });

  it('bounds repetition: 7.5M characters are not built and the lens says too long for every model', () => {
    const call = result.calls[5];
    const [request] = call.requests;
    assert.strictEqual(request.tooLong, true);
    assert.strictEqual(request.messageTexts[0].length, maxStaticChars);
    assert.match(callLensTitle(call, options), /too long for every model/);
    const estimate = estimateForModel(request, 'claude-sonnet-4-6', options.priceOf);
    assert.strictEqual(estimate.fits, false);
  });
});

describe('prompt entry points: TypeScript SDK shapes', () => {
  const text = readPromptFixture('agent-tools.ts');
  let result: PromptScan;
  before(async () => {
    result = await scan(text, 'typescript');
  });

  it('finds parse, both tool runners and the Vertex call', () => {
    assert.deepStrictEqual(
      result.calls.map((call) => call.method),
      ['messages.parse', 'beta.messages.toolRunner', 'beta.messages.toolRunner', 'messages.create'],
    );
  });

  it('reads a betaTool definition (without its run function) and counts the tool-use system prompt', () => {
    const [request] = callAfter(text, result, '// 2.').requests;
    assert.deepStrictEqual(JSON.parse(request.toolsJson), {
      name: 'getWeather',
      description: 'Get the current weather at a specific location',
      input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
    });
    assert.deepStrictEqual(request.unresolved, []);
    const withTools = estimateForModel(request, 'claude-sonnet-4-6', options.priceOf).inputTokens;
    const withoutTools = estimateForModel({ ...request, toolCount: 0 }, 'claude-sonnet-4-6', options.priceOf).inputTokens;
    assert.strictEqual(withTools - withoutTools, 346);
    assert.strictEqual(toolSystemPromptTokens({ ...request, toolChoice: 'any' }, 'claude-sonnet-4-6'), 313);
    assert.strictEqual(toolSystemPromptTokens({ ...request, toolChoice: 'auto' }, 'claude-3-opus-20240229'), 530);
  });

  it('marks a Zod tool schema as not known here', () => {
    const [request] = callAfter(text, result, '// 3.').requests;
    assert.strictEqual(request.toolCount, 1);
    assert.ok(request.unresolved.some((line) => line.includes('tool definition')), request.unresolved.join('\n'));
  });

  it('works out a helper arrow, .map over a constant list, .repeat and .replace', () => {
    const [request] = callAfter(text, result, '// 4.').requests;
    assert.strictEqual(request.model, 'claude-sonnet-4-5@20250929');
    assert.strictEqual(request.systemText, 'Answer questions about pricing.\nAnswer questions about limits.\nAnswer questions about regions.');
    assert.deepStrictEqual(request.messageTexts, ['abababTell me about europe-west1.']);
    assert.deepStrictEqual(request.unresolved, []);
  });
});

describe('prompt entry points: cloud clients and billed block fields', () => {
  it('finds Vertex, Foundry and async Bedrock calls in Python (stream in a with block, raw response, token count)', async () => {
    const text = readPromptFixture('cloud_clients.py');
    const result = await scan(text, 'python');
    assert.deepStrictEqual(
      result.calls.map((call) => [call.method, call.requests[0].model]),
      [
        ['messages.create', 'claude-sonnet-4-5@20250929'],
        ['messages.stream', 'claude-opus-4-1'],
        ['messages.create', 'anthropic.claude-haiku-4-5-20251001-v1:0'],
        ['messages.count_tokens', 'anthropic.claude-haiku-4-5-20251001-v1:0'],
      ],
    );
    // Cloud spellings of a model id are priced and tokenized as the model they name.
    assert.match(callLensTitle(callAfter(text, result, '# 3.'), options), /^≈\d+ tok · <?\$[\d.]+ · Haiku 4\.5$/);
    assert.match(callLensTitle(callAfter(text, result, '# 1.'), options), / · Sonnet 4\.5$/);
  });

  it('counts the title and context of a document and every text field of a search result', async () => {
    const text = readPromptFixture('cloud_clients.py');
    const result = await scan(text, 'python');
    const [document] = callAfter(text, result, '# 1.').requests;
    assert.deepStrictEqual(document.messageTexts, ['Quarterly reportWritten by the finance team for the board.Revenue grew 12 % in the third quarter.Summarise the document in one sentence.']);
    assert.strictEqual(document.mediaBlocks, 0);
    assert.ok(document.countParams, 'a text document is fully known: it can be counted exactly');
    const [search] = callAfter(text, result, '# 2.').requests;
    assert.deepStrictEqual(search.messageTexts, ['Dense retrievalhttps://example.com/retrievalDense retrievers embed queries and passages in one space.What does the search result say?']);
    assert.strictEqual(search.mediaBlocks, 0);
  });

  it('finds Bedrock (awaited with its response) and Foundry (streamed) calls in TypeScript', async () => {
    const text = readPromptFixture('cloud-clients.ts');
    const result = await scan(text, 'typescript');
    assert.deepStrictEqual(
      result.calls.map((call) => [call.method, call.requests[0].model, call.requests[0].unresolved]),
      [
        ['messages.create', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', []],
        ['messages.stream', 'claude-opus-4-7', []],
      ],
    );
    assert.strictEqual(tokenizerGeneration(result.calls[1].requests[0].model!), 'new');
  });
});

describe('prompt entry points: statically knowable Python text', () => {
  it('works out f-strings of constants, .replace, a list comprehension and a join of a literal list', async () => {
    const text = [
      'import anthropic',
      'client = anthropic.Anthropic()',
      'ROLE = "a patient tutor"',
      'LEVEL = 3',
      'TOPICS = ["fractions", "decimals"]',
      'SYSTEM = f"You are {ROLE} for year {LEVEL}."',
      'STYLE = "Use SHORT sentences.".replace("SHORT", "short")',
      'LESSONS = [f"Lesson: {topic}" for topic in TOPICS]',
      'client.messages.create(',
      '    model="claude-haiku-4-5",',
      '    max_tokens=200,',
      '    system=SYSTEM + " " + STYLE,',
      '    messages=[{"role": "user", "content": "\\n".join(LESSONS) + "\\n" + ", ".join(["one", "two"])}],',
      ')',
      '',
    ].join('\n');
    const [request] = (await scan(text, 'python')).calls[0].requests;
    assert.strictEqual(request.systemText, 'You are a patient tutor for year 3. Use short sentences.');
    assert.deepStrictEqual(request.messageTexts, ['Lesson: fractions\nLesson: decimals\none, two']);
    assert.deepStrictEqual(request.unresolved, []);
  });
});
