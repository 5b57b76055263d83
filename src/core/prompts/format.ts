import { describePriceSource } from '../prices/describeSource';
import { tokenizerGeneration } from '../tokenEstimate';
import { formatCount, formatUsd } from '../figures';
import type { ModelEstimate, PriceLookup } from './estimate';
import { cheapestFitting, estimateForModel } from './estimate';
import type { PromptCall, PromptLiteral, PromptRequest } from './types';

/** Exact input tokens for a request (from `countTokens`), when known. */
export type ExactCounts = (request: PromptRequest) => number | undefined;

export interface FormatOptions {
  priceOf: PriceLookup;
  /** Models the hover compares side by side (`claudeApi.hover.compareModels`). */
  compareModels: string[];
  exactFor: ExactCounts;
  /** Whether exact counting is switched on (changes the footnote). */
  exactCountsEnabled: boolean;
  /** Why exact counts are not arriving (no key...), said in the hover. */
  exactProblem?: string;
  /** Why the API refused to count one request (e.g. a 400), when it did. */
  exactFailure?: (request: PromptRequest) => string | undefined;
}

/** Dollars, with amounts too small for four decimals shown as such rather than as `$0.0000`. */
function usd(dollars: number | undefined): string {
  if (dollars === undefined) return '?';
  if (dollars > 0 && dollars < 0.00005) return '<$0.0001';
  return formatUsd(dollars);
}

/** Escapes text from the user's source for Markdown prose and table cells. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#]/g, (ch) => `\\${ch}`);
}

function tokenLabel(tokens: number, exact: boolean, partial: boolean): string {
  return `${exact ? '' : '≈'}${formatCount(tokens)}${partial ? '+' : ''} tok`;
}

/** Adds up the estimates of a batch's requests (money stays undefined if any request is unpriced). */
function sum(estimates: ModelEstimate[]): ModelEstimate | undefined {
  if (estimates.length === 0) return undefined;
  const add = (key: 'input' | 'maxOutput' | 'cacheWrite5m' | 'cacheWrite1h' | 'cacheRead' | 'batchInput' | 'batchMaxOutput') =>
    estimates.every((estimate) => estimate[key] !== undefined) ? estimates.reduce((total, estimate) => total + estimate[key]!, 0) : undefined;
  const maxOutputs = estimates.map((estimate) => estimate.maxOutputTokens);
  return {
    modelId: estimates[0].modelId,
    price: estimates[0].price,
    inputTokens: estimates.reduce((total, estimate) => total + estimate.inputTokens, 0),
    exact: estimates.every((estimate) => estimate.exact),
    cacheableTokens: estimates.reduce((total, estimate) => total + estimate.cacheableTokens, 0),
    maxOutputTokens: maxOutputs.every((value) => value !== undefined) ? maxOutputs.reduce((a: number, b) => a + (b ?? 0), 0) : undefined,
    input: add('input'),
    maxOutput: add('maxOutput'),
    cacheWrite5m: add('cacheWrite5m'),
    cacheWrite1h: add('cacheWrite1h'),
    cacheRead: add('cacheRead'),
    batchInput: add('batchInput'),
    batchMaxOutput: add('batchMaxOutput'),
    fits: estimates.some((estimate) => estimate.fits === false) ? false : estimates.every((estimate) => estimate.fits === true) ? true : undefined,
  };
}

/** The call's requests priced for `modelId` (every request, as if all were sent to that model). */
function callEstimate(call: PromptCall, modelId: string, options: FormatOptions): ModelEstimate | undefined {
  return sum(call.requests.map((request) => estimateForModel(request, modelId, options.priceOf, options.exactFor(request))));
}

/** The model the call uses, when every request names the same known model. */
function callModel(call: PromptCall): string | undefined {
  const models = new Set(call.requests.map((request) => request.model));
  const [only] = models;
  return models.size === 1 ? only : undefined;
}

function isPartial(call: PromptCall): boolean {
  return call.batchUnresolved || call.requests.some((request) => request.unresolved.length > 0 || request.mediaBlocks > 0);
}

/** The CodeLens title above an SDK call, e.g. `≈1,240 tok · claude-sonnet-4-6 $0.0037 in + ≤$0.0154 out`. */
export function callLensTitle(call: PromptCall, options: FormatOptions): string {
  if (call.requests.length === 0) return call.batchUnresolved ? 'Batch requests built at run time: not priced' : 'Empty batch';
  const model = callModel(call);
  const partial = isPartial(call);
  const batchPrefix = call.kind === 'batch' ? `${call.requests.length}${call.batchUnresolved ? '+' : ''} requests · ` : '';
  if (!model) {
    const fallback = callEstimate(call, options.compareModels[0] ?? 'claude-sonnet-4-6', options);
    const source = call.requests.find((request) => !request.model)?.modelSource;
    const why = call.requests.length > 1 && !source ? 'several models' : `model not known here (${source ?? 'computed'})`;
    return `${batchPrefix}${tokenLabel(fallback?.inputTokens ?? 0, false, partial)} · ${why}`;
  }
  const estimate = callEstimate(call, model, options)!;
  // Nothing of the prompt is known here: any dollar figure would be a made-up $0.
  if (partial && estimate.inputTokens === 0) return `${batchPrefix}prompt built at run time · ${model}: price unknown`;
  const tokens = `${batchPrefix}${tokenLabel(estimate.inputTokens, estimate.exact, partial)}`;
  if (call.requests.some((request) => request.tooLong)) return `${tokens} · too long for every model`;
  if (!estimate.price) return `${tokens} · ${model}: price unknown`;
  if (call.kind === 'countTokens') return `${tokens} · counting is free; sending to ${model} ≈ ${usd(estimate.input)} in`;
  const batch = call.kind === 'batch';
  const input = batch ? estimate.batchInput : estimate.input;
  const output = batch ? estimate.batchMaxOutput : estimate.maxOutput;
  const maxAtRunTime = call.requests.some((request) => request.maxTokensAtRunTime);
  const out = output === undefined ? `out ? (${maxAtRunTime ? 'max_tokens set at run time' : 'no max_tokens'})` : `≤${usd(output)} out`;
  return `${tokens} · ${model}${batch ? ' batch' : ''} ${usd(input)} in + ${out}`;
}

/** The CodeLens title above a long prompt constant. */
export function literalLensTitle(literal: PromptLiteral, options: FormatOptions): string {
  const partial = literal.unknownParts > 0;
  if (literal.model) {
    const estimate = estimateForModel(literalRequest(literal), literal.model, options.priceOf);
    const money = estimate.input === undefined ? 'price unknown' : `${usd(estimate.input)} per use`;
    return `${tokenLabel(estimate.inputTokens, false, partial)} · prompt text · ${literal.model} ${money}`;
  }
  const classic = estimateForModel(literalRequest(literal), 'claude-sonnet-4-6', options.priceOf).inputTokens;
  const newer = estimateForModel(literalRequest(literal), 'claude-sonnet-5', options.priceOf).inputTokens;
  return `${tokenLabel(classic, false, partial)} · prompt text (≈${formatCount(newer)} on newer-tokenizer models)`;
}

/** A prompt constant seen as a one-message request, so it is priced like a call. */
export function literalRequest(literal: PromptLiteral): PromptRequest {
  return {
    model: literal.model,
    modelSource: undefined,
    systemText: literal.text,
    messageTexts: [],
    messageRoles: [],
    toolsJson: '',
    toolCount: 0,
    maxTokens: undefined,
    thinkingBudget: undefined,
    cacheBreakpoints: [],
    unresolved: literal.unknownParts > 0 ? [`${literal.unknownParts} interpolated value${literal.unknownParts === 1 ? '' : 's'}`] : [],
    mediaBlocks: 0,
    countParams: undefined,
  };
}

function row(label: string, estimate: ModelEstimate, batchOnly: boolean): string {
  const tokens = `${estimate.exact ? '' : '≈'}${formatCount(estimate.inputTokens)}`;
  const out = estimate.maxOutputTokens === undefined ? '–' : `≤${usd(estimate.maxOutput)}`;
  const batchOut = estimate.maxOutputTokens === undefined ? '' : ` + ≤${usd(estimate.batchMaxOutput)}`;
  if (!estimate.price) return `| ${label} | ${tokens} | price unknown | | | | | |`;
  const fits = estimate.fits === false ? ' ⚠ exceeds context' : '';
  const input = batchOnly ? '–' : usd(estimate.input);
  const output = batchOnly ? '–' : out;
  return `| ${label}${fits} | ${tokens} | ${input} | ${output} | ${usd(estimate.cacheWrite5m)} | ${usd(estimate.cacheWrite1h)} | ${usd(estimate.cacheRead)} | ${usd(estimate.batchInput)}${batchOut} |`;
}

function table(estimates: { label: string; estimate: ModelEstimate }[], batchOnly: boolean): string[] {
  return [
    '| Model | Input tokens | Input | Output (max) | Cache write 5m | Cache write 1h | Cache read | Batch in + out |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...estimates.map(({ label, estimate }) => row(label, estimate, batchOnly)),
  ];
}

function comparison(
  own: string | undefined,
  estimateFor: (modelId: string) => ModelEstimate | undefined,
  options: FormatOptions,
  batchOnly: boolean,
): { lines: string[]; reference: ModelEstimate | undefined; all: ModelEstimate[] } {
  const models = [...new Set([...(own ? [own] : []), ...options.compareModels])];
  const rows: { label: string; estimate: ModelEstimate }[] = [];
  for (const modelId of models) {
    const estimate = estimateFor(modelId);
    if (estimate) rows.push({ label: modelId === own ? `**${md(modelId)}** (this call)` : md(modelId), estimate });
  }
  const reference = own ? rows.find((entry) => entry.estimate.modelId === own)?.estimate : undefined;
  return { lines: table(rows, batchOnly), reference, all: rows.map((entry) => entry.estimate) };
}

function savingLine(all: ModelEstimate[], reference: ModelEstimate | undefined, batch: boolean): string | undefined {
  const priced = all.map((estimate) => (batch ? { ...estimate, input: estimate.batchInput, maxOutput: estimate.batchMaxOutput } : estimate));
  const ref = reference && priced[all.indexOf(reference)];
  const best = cheapestFitting(priced, ref);
  if (!best) return undefined;
  const what = best.model.maxOutputTokens === undefined ? 'input' : 'input + maximum output';
  if (!ref || ref.input === undefined) return `Cheapest that fits: **${md(best.model.modelId)}** (${what}).`;
  if (best.model.modelId === ref.modelId || best.savesUsd <= 0) return `This call already uses the cheapest compared model that fits (${what}).`;
  const refTotal = (ref.input ?? 0) + (ref.maxOutput ?? 0);
  const percent = refTotal > 0 ? ` (${Math.round((best.savesUsd / refTotal) * 100)} %)` : '';
  return `Cheapest that fits: **${md(best.model.modelId)}**, saves up to ${usd(best.savesUsd)}${percent} per call on ${what}.`;
}

function footnotes(requests: PromptRequest[], anyExact: boolean, options: FormatOptions, ownModel: string | undefined): string[] {
  const lines: string[] = [];
  const breakpoints = requests.flatMap((request) => request.cacheBreakpoints);
  if (breakpoints.length > 0) {
    const last = breakpoints.at(-1)!;
    lines.push(`Cache columns price the prompt up to the last \`cache_control\` marker (in ${last.section}, TTL ${last.ttl}); the rest at the input price.`);
  } else {
    lines.push('Cache columns: what the whole prompt would cost if cached (no `cache_control` marker here).');
  }
  const budgets = requests.map((request) => request.thinkingBudget).filter((budget) => budget !== undefined);
  if (budgets.length > 0) lines.push(`Thinking budget ${formatCount(budgets[0])} tokens: billed as output, within \`max_tokens\`.`);
  const tools = requests.reduce((total, request) => total + request.toolCount, 0);
  if (tools > 0) lines.push(`${tools} tool definition${tools === 1 ? '' : 's'} counted as input (their JSON).`);
  const unresolved = [...new Set(requests.flatMap((request) => request.unresolved))];
  const media = requests.reduce((total, request) => total + request.mediaBlocks, 0);
  if (media > 0) unresolved.push(`${media} image/document block${media === 1 ? '' : 's'} (not estimated offline)`);
  if (unresolved.length > 0) lines.push(`**Not counted** (only known at run time): ${unresolved.join('; ')}. Figures are a lower bound.`);
  if (anyExact) {
    lines.push('Input tokens from `messages.countTokens` (exact for this call\'s model; other models scaled by tokenizer).');
  } else {
    const newer = ownModel && tokenizerGeneration(ownModel) === 'new' ? ' (this model uses it)' : '';
    const failure = requests.map((request) => options.exactFailure?.(request)).find((reason) => reason !== undefined);
    const hint = options.exactCountsEnabled
      ? options.exactProblem
        ? ` ${options.exactProblem}`
        : failure
        ? ` Exact count failed: ${md(failure)}`
        : requests.some((request) => request.countParams)
        ? ' Exact count pending.'
        : ' No exact count: parts of the request are only known at run time.'
      : ' Turn on `claudeApi.codeLens.exactCounts` for exact counts.';
    lines.push(`≈ Offline estimate: about 3.5 characters per token; Opus 4.7+ and generation-5 models use a newer tokenizer with about 30 % more tokens${newer}.${hint}`);
  }
  return lines;
}

function sources(estimates: ModelEstimate[]): string | undefined {
  const seen = new Set(estimates.filter((estimate) => estimate.price).map((estimate) => describePriceSource(estimate.price!.source)));
  return seen.size > 0 ? `Prices per million tokens from ${[...seen].map(md).join(', ')}.` : undefined;
}

/** The hover on an SDK call: the request priced for its model and the compared models side by side. */
export function callHoverMarkdown(call: PromptCall, options: FormatOptions): string {
  const lines = [`**Claude API · \`${call.method}\`**${call.kind === 'batch' ? ` · ${call.requests.length}${call.batchUnresolved ? '+' : ''} requests at batch prices` : ''}`, ''];
  if (call.requests.length === 0) {
    lines.push('The batch requests are built at run time, so they cannot be read from the source.');
    return lines.join('\n');
  }
  const own = callModel(call);
  if (!own) {
    const source = call.requests.find((request) => !request.model)?.modelSource;
    lines.push(source ? `Model not known here (\`${source}\` is set at run time): compared models only.` : 'The requests use several models: compared models only.', '');
  }
  const batch = call.kind === 'batch';
  const { lines: tableLines, reference, all } = comparison(own, (modelId) => callEstimate(call, modelId, options), options, batch);
  lines.push(...tableLines, '');
  if (call.kind === 'countTokens') lines.push('`countTokens` itself is free; the table shows what sending this request would cost.', '');
  if (call.kind === 'toolRunner') lines.push('The tool runner sends this request first, then one more per round of tool calls (each with the growing conversation): the figures are for the first request.', '');
  const saving = savingLine(all, reference, batch);
  if (saving) lines.push(saving, '');
  const anyExact = reference?.exact ?? false;
  for (const note of footnotes(call.requests, anyExact, options, own)) lines.push(`- ${note}`);
  const source = sources(all);
  if (source) lines.push('', source);
  return lines.join('\n');
}

/** The hover on a long prompt constant. */
export function literalHoverMarkdown(literal: PromptLiteral, options: FormatOptions): string {
  const request = literalRequest(literal);
  const lines = [`**Claude API · prompt text \`${md(literal.name)}\`** · ${formatCount(literal.text.length)} characters`, ''];
  const { lines: tableLines, reference, all } = comparison(literal.model, (modelId) => estimateForModel(request, modelId, options.priceOf), options, false);
  lines.push(...tableLines, '');
  const saving = savingLine(all, reference, false);
  if (saving) lines.push(saving, '');
  for (const note of footnotes([request], false, { ...options, exactCountsEnabled: false }, literal.model)) lines.push(`- ${note}`);
  const source = sources(all);
  if (source) lines.push('', source);
  return lines.join('\n');
}
