import * as assert from 'node:assert';
import { lookupModelPrice } from '../../src/core/prices/lookup';
import { cheapestFitting, estimateForModel } from '../../src/core/prompts/estimate';
import type { FormatOptions } from '../../src/core/prompts/format';
import { callLensTitle, literalLensTitle, shortModelName } from '../../src/core/prompts/format';
import { callHoverMarkdown, literalHoverMarkdown } from '../../src/core/prompts/hoverMarkdown';
import { LensTitles } from '../../src/core/prompts/lensTitles';
import { callComparison } from '../../src/core/prompts/modelComparison';
import { readRequest } from '../../src/core/prompts/requestReader';
import { stringValue } from '../../src/core/prompts/staticValue';
import type { PromptCall, PromptRequest, StaticValue } from '../../src/core/prompts/types';

/** A params object as the evaluators produce it. */
function params(entries: Record<string, StaticValue>): StaticValue {
  return { kind: 'object', entries: new Map(Object.entries(entries)), open: false };
}
const num = (value: number): StaticValue => ({ kind: 'number', value });
const userMessage = (text: string): StaticValue => ({ kind: 'array', open: false, items: [params({ role: stringValue('user'), content: stringValue(text) })] });

function call(request: PromptRequest, kind: PromptCall['kind'] = 'create'): PromptCall {
  return { method: 'messages.create', kind, range: { start: 0, end: 1 }, calleeRange: { start: 0, end: 1 }, promptSpans: [], requests: [request], batchUnresolved: false };
}

const options = (overrides: Partial<FormatOptions> = {}): FormatOptions => ({
  priceOf: (modelId) => lookupModelPrice(modelId),
  compareModels: ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-7'],
  exactFor: () => undefined,
  exactCountsEnabled: false,
  ...overrides,
});

// 35,000 characters = 10,000 tokens on the classic tokenizer (3.5 chars/token), 13,000 on the new one.
const longText = 'x'.repeat(35_000);

describe('prompt estimate', () => {
  const request = readRequest(params({ model: stringValue('claude-sonnet-4-6'), max_tokens: num(1000), messages: userMessage(longText) }));

  it('prices input and maximum output at the model rates ($3 / $15 per million for Sonnet 4.6)', () => {
    const estimate = estimateForModel(request, 'claude-sonnet-4-6', options().priceOf);
    assert.strictEqual(estimate.inputTokens, 10_000);
    assert.ok(Math.abs(estimate.input! - 0.03) < 1e-9);
    assert.ok(Math.abs(estimate.maxOutput! - 0.015) < 1e-9);
    assert.ok(Math.abs(estimate.batchInput! - 0.015) < 1e-9, 'batch is half price');
    assert.ok(Math.abs(estimate.cacheWrite5m! - 0.0375) < 1e-9, 'whole prompt at 1.25x when no marker');
    assert.ok(Math.abs(estimate.cacheRead! - 0.003) < 1e-9);
  });

  it('counts ~30 % more tokens for newer-tokenizer models', () => {
    assert.strictEqual(estimateForModel(request, 'claude-opus-4-7', options().priceOf).inputTokens, 13_000);
  });

  it('uses an exact count for its own model and rescales it for others', () => {
    const own = estimateForModel(request, 'claude-sonnet-4-6', options().priceOf, 8000);
    assert.deepStrictEqual([own.inputTokens, own.exact], [8000, true]);
    const other = estimateForModel(request, 'claude-opus-4-7', options().priceOf, 8000);
    assert.deepStrictEqual([other.inputTokens, other.exact], [10_400, false]);
  });

  it('prices only the prefix up to the cache_control marker at cache rates', () => {
    const system: StaticValue = {
      kind: 'array',
      open: false,
      items: [params({ type: stringValue('text'), text: stringValue(longText), cache_control: params({ type: stringValue('ephemeral') }) })],
    };
    const cached = readRequest(params({ model: stringValue('claude-sonnet-4-6'), max_tokens: num(10), system, messages: userMessage(longText) }));
    const estimate = estimateForModel(cached, 'claude-sonnet-4-6', options().priceOf);
    assert.strictEqual(estimate.inputTokens, 20_000);
    assert.strictEqual(estimate.cacheableTokens, 10_000);
    // 10k cached at $0.30/M + 10k uncached at $3/M.
    assert.ok(Math.abs(estimate.cacheRead! - (0.003 + 0.03)) < 1e-9);
  });

  it('flags a prompt that does not fit the context window and skips it when choosing the cheapest', () => {
    const huge = readRequest(params({ model: stringValue('claude-sonnet-4-5'), max_tokens: num(1000), messages: userMessage('x'.repeat(2_800_000)) /* 800k tokens */ }));
    const sonnet45 = estimateForModel(huge, 'claude-sonnet-4-5', options().priceOf);
    const sonnet46 = estimateForModel(huge, 'claude-sonnet-4-6', options().priceOf);
    const haiku = estimateForModel(huge, 'claude-haiku-4-5', options().priceOf);
    assert.strictEqual(sonnet45.fits, false);
    assert.strictEqual(haiku.fits, false);
    assert.strictEqual(sonnet46.fits, true);
    assert.strictEqual(cheapestFitting([haiku, sonnet45, sonnet46], sonnet45)?.model.modelId, 'claude-sonnet-4-6');
  });

  it('a context-1m beta call to Sonnet 4.5 fits 800K tokens and is priced at the long-context tier', () => {
    const betas: StaticValue = { kind: 'array', open: false, items: [stringValue('context-1m-2025-08-07')] };
    const huge = readRequest(params({ model: stringValue('claude-sonnet-4-5'), betas, max_tokens: num(1000), messages: userMessage('x'.repeat(2_800_000)) }));
    const estimate = estimateForModel(huge, 'claude-sonnet-4-5', options().priceOf);
    assert.strictEqual(estimate.fits, true);
    assert.ok(Math.abs(estimate.input! - 800_000 * 6e-6) < 1e-9, `input at $6/M: ${estimate.input}`);
    assert.doesNotMatch(callHoverMarkdown(call(huge), options()), /⚠/);
    assert.doesNotMatch(callLensTitle(call(huge), options()), /⚠/);
  });

  it('warns in the lens and the hover when the prompt does not fit the call\'s own model', () => {
    const huge = readRequest(params({ model: stringValue('claude-sonnet-4-5'), max_tokens: num(1000), messages: userMessage('x'.repeat(2_800_000)) }));
    assert.match(callLensTitle(call(huge), options()), /^≈800k tok · \$[\d.]+ · Sonnet 4\.5 · ⚠ over its context window$/);
    assert.match(callHoverMarkdown(call(huge), options()), /- ⚠ Prompt plus `max_tokens` exceed this model's context window/);
  });

  it('never sends unknown settings as null for an exact count, and names a max_tokens set at run time', () => {
    const unknown = (source: string): StaticValue => ({ kind: 'unknown', source });
    const base = { model: stringValue('claude-sonnet-4-6'), messages: userMessage('hi') };
    const budget = readRequest(params({ ...base, max_tokens: num(2000), thinking: params({ type: stringValue('enabled'), budget_tokens: unknown('budget') }) }));
    assert.strictEqual(budget.countParams, undefined, 'thinking.budget_tokens from a variable');
    const toolChoice = readRequest(params({ ...base, max_tokens: num(2000), tool_choice: unknown('choice') }));
    assert.strictEqual(toolChoice.countParams, undefined, 'tool_choice from a variable');
    assert.match(callHoverMarkdown(call(toolChoice), options({ exactCountsEnabled: true })), /No exact count/);
    assert.doesNotMatch(callHoverMarkdown(call(toolChoice), options({ exactCountsEnabled: true })), /Exact count pending/);
    const refused = options({ exactCountsEnabled: true, exactFailure: () => 'tool_choice: Input should be an object' });
    assert.match(callHoverMarkdown(call(request), refused), /Exact count failed: tool\\_choice: Input should be an object/);
    const maxFromVariable = readRequest(params({ ...base, max_tokens: unknown('limit') }));
    assert.match(callHoverMarkdown(call(maxFromVariable), options()), /- Output: `max_tokens` set at run time, not priced/);
  });

  it('a prompt built entirely at run time shows no dollar figure', () => {
    const computed = readRequest(params({ model: stringValue('claude-sonnet-4-6'), max_tokens: num(100), messages: { kind: 'unknown', source: 'history' } }));
    const title = callLensTitle(call(computed), options());
    assert.strictEqual(title, 'prompt built at run time · Sonnet 4.6: price unknown');
    assert.doesNotMatch(title, /\$/);
  });

  it('writes a short lens title: tokens, the input\'s cost, the model', () => {
    assert.strictEqual(callLensTitle(call(request), options()), '≈10k tok · $0.0300 · Sonnet 4.6');
    assert.strictEqual(callLensTitle(call(request), options({ exactFor: () => 9123 })), '9,123 tok · $0.0274 · Sonnet 4.6', 'an exact count drops the ≈ and keeps every digit');
    const countOnly = callLensTitle(call(request, 'countTokens'), options());
    assert.strictEqual(countOnly, '≈10k tok · free to count, $0.0300 to send · Sonnet 4.6');
  });

  it('names models briefly in the lens, and leaves ids it does not know alone', () => {
    const names = ['claude-sonnet-5-5', 'claude-3-5-haiku-20241022', 'us.anthropic.claude-opus-4-7-v1:0', 'claude-sonnet-4-20250514', 'claude-sonnet-4-5@20250929', 'claude-future-9', 'gpt-4o'];
    assert.deepStrictEqual(names.map(shortModelName), ['Sonnet 5.5', 'Haiku 3.5', 'Opus 4.7', 'Sonnet 4', 'Sonnet 4.5', 'claude-future-9', 'gpt-4o']);
  });

  it('puts output, cache and batch prices in the hover, one figure a line, with a link to compare models', () => {
    const markdown = callHoverMarkdown(call(request), options(), 'command:claudeApi.lens.compareModels?%5B%5D');
    assert.ok(markdown.startsWith('**Claude API · `messages.create`** · `claude-sonnet-4-6`\n'), markdown);
    assert.ok(markdown.includes('- Input: ≈10,000 tokens · $0.0300\n- Output: up to 1,000 tokens · ≤$0.0150\n'), markdown);
    assert.match(markdown, /- Cached prompt: write \$0\.0375 \(5 min\) or \$0\.0600 \(1 h\) · read \$0\.0030/);
    assert.match(markdown, /- Batch: \$0\.0150 in \+ ≤\$0\.0075 out/);
    assert.match(markdown, /\[Compare models\]\(command:claudeApi\.lens\.compareModels\?%5B%5D\)/);
    assert.doesNotMatch(markdown, /^\|/m, 'no table: it would not fit a narrow editor');
    assert.doesNotMatch(callHoverMarkdown(call(request), options()), /Compare models/, 'no link without a command to run');
  });

  it('remembers a call\'s lens title until told to forget (the incremental scan keeps untouched calls\' requests)', () => {
    let lookups = 0;
    const counting = options({ priceOf: (modelId) => (lookups++, lookupModelPrice(modelId)) });
    const titles = new LensTitles();
    const first = titles.callTitle(call(request), counting);
    const moved = { ...call(request), range: { start: 5, end: 6 } };
    assert.strictEqual(titles.callTitle(moved, counting), first);
    const afterFirst = lookups;
    titles.callTitle(moved, counting);
    assert.strictEqual(lookups, afterFirst, 'no pricing for a remembered call');
    titles.forget();
    titles.callTitle(moved, counting);
    assert.ok(lookups > afterFirst);
  });

  it('says plainly when the model or parts of the prompt are unknown', () => {
    const unknownModel = readRequest(params({ model: { kind: 'unknown', source: 'config.model' }, max_tokens: num(5), messages: userMessage('hi') }));
    assert.match(callLensTitle(call(unknownModel), options()), /model not known here \(config\.model\)$/);
    const partial = readRequest(params({ model: stringValue('claude-sonnet-4-6'), messages: { kind: 'array', open: false, items: [params({ role: stringValue('user'), content: stringValue('Hello ', [], 1) })] } }));
    const title = callLensTitle(call(partial), options());
    assert.strictEqual(title, '≈2+ tok · <$0.0001 · Sonnet 4.6');
    const longPartial = readRequest(params({ model: stringValue('claude-sonnet-4-6'), messages: { kind: 'array', open: false, items: [params({ role: stringValue('user'), content: stringValue(longText, [], 1) })] } }));
    assert.strictEqual(callLensTitle(call(longPartial), options()), '≈10k+ tok · $0.0300+ · Sonnet 4.6', 'a lower bound says so');
    assert.match(callHoverMarkdown(call(partial), options()), /\*\*Not counted\*\* \(only known at run time\): 1 interpolated value in the prompt text/);
    const unpriced = readRequest(params({ model: stringValue('claude-future-9'), max_tokens: num(5), messages: userMessage('hi') }));
    assert.match(callLensTitle(call(unpriced), options()), /claude-future-9: price unknown$/);
  });

  it('compares the models one row each, with the saving of the cheapest in the hover and the list', () => {
    const comparison = callComparison(call(request), options());
    assert.deepStrictEqual(
      comparison.rows.map((row) => [row.modelId, row.own, row.cheapest]),
      [
        ['claude-sonnet-4-6', true, false],
        ['claude-haiku-4-5', false, true],
        ['claude-opus-4-7', false, false],
      ],
    );
    assert.strictEqual(comparison.rows[0].summary, '≈10,000 tok · $0.0300 in + ≤$0.0150 out');
    assert.strictEqual(comparison.rows[0].detail, 'cache write $0.0375 (5 min) / $0.0600 (1 h) · cache read $0.0030 · batch $0.0150 in + ≤$0.0075 out');
    // Sonnet 4.6: $0.03 + $0.015; Haiku 4.5: $0.01 + $0.005 -> saves $0.03 (67 %).
    assert.strictEqual(comparison.saving, 'Cheapest that fits: claude-haiku-4-5, saves up to $0.0300 (67 %) per call on input + maximum output.');
    const markdown = callHoverMarkdown(call(request), options());
    assert.match(markdown, /Cheapest that fits: \*\*claude-haiku-4-5\*\*, saves up to \$0\.0300 \(67 %\)/);
    assert.match(markdown, /Offline estimate/);
  });

  it('prices a batch at batch rates and a constant with its model', () => {
    assert.strictEqual(callLensTitle(call(request, 'batch'), options()), '1 requests · ≈10k tok · $0.0150 at batch prices · Sonnet 4.6');
    assert.match(callHoverMarkdown(call(request, 'batch'), options()), /- Input: ≈10,000 tokens · \$0\.0150 at batch prices\n- Output: up to 1,000 tokens · ≤\$0\.0075 at batch prices/);
    const title = literalLensTitle({ name: 'SYSTEM_PROMPT', range: { start: 0, end: 1 }, valueRange: { start: 0, end: 1 }, text: longText, unknownParts: 0, model: undefined }, options());
    assert.strictEqual(title, '≈10k tok · prompt text (≈13k on newer models)');
    const used = literalLensTitle({ name: 'SYSTEM_PROMPT', range: { start: 0, end: 1 }, valueRange: { start: 0, end: 1 }, text: longText, unknownParts: 0, model: 'claude-sonnet-4-6' }, options());
    assert.strictEqual(used, '≈10k tok · prompt text · $0.0300 per use · Sonnet 4.6');
    const hover = literalHoverMarkdown({ name: 'SYSTEM_PROMPT', range: { start: 0, end: 1 }, valueRange: { start: 0, end: 1 }, text: longText, unknownParts: 0, model: 'claude-sonnet-4-6' }, options(), 'command:x');
    assert.ok(hover.startsWith('**Claude API · prompt text `SYSTEM\\_PROMPT`** · 35,000 characters · `claude-sonnet-4-6`\n\n- Input: ≈10,000 tokens · $0.0300 per use\n- Cached prompt: write'), hover);
    assert.doesNotMatch(hover, /Output|Batch:/);
    assert.match(hover, /\[Compare models\]\(command:x\)/);
  });
});
