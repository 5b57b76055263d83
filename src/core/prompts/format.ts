import { parseModelId } from '../tokenEstimate';
import { canonicalModelId } from '../prices/modelIds';
import { formatCount, formatTokens, formatUsd } from '../figures';
import type { ModelEstimate, PriceLookup } from './estimate';
import { estimateForModel } from './estimate';
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
export function usd(dollars: number | undefined): string {
  if (dollars === undefined) return '?';
  if (dollars > 0 && dollars < 0.00005) return '<$0.0001';
  return formatUsd(dollars);
}

/** Dollars that are a lower bound when part of the prompt is unknown (`$0.0037+`). */
function atLeast(dollars: number | undefined, partial: boolean): string {
  const amount = usd(dollars);
  return partial && !amount.startsWith('<') ? `${amount}+` : amount;
}

/** Escapes text from the user's source for Markdown prose and table cells. */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#]/g, (ch) => `\\${ch}`);
}

/** Tokens for a lens: compact when estimated (`≈1.2k`), every digit when counted exactly. */
function tokenLabel(tokens: number, exact: boolean, partial: boolean): string {
  return `${exact ? formatCount(tokens) : `≈${formatTokens(tokens)}`}${partial ? '+' : ''} tok`;
}

/**
 * A model as a lens says it: `claude-sonnet-5-5` is `Sonnet 5.5`, `claude-3-5-haiku-20241022` is
 * `Haiku 3.5` (Bedrock and Vertex spellings too); any other id stays as it is.
 */
export function shortModelName(modelId: string): string {
  const parsed = parseModelId(canonicalModelId(modelId));
  if (!parsed || !/^(opus|sonnet|haiku)$/.test(parsed.family)) return modelId;
  return `${parsed.family[0].toUpperCase()}${parsed.family.slice(1)} ${parsed.major}${parsed.minor > 0 ? `.${parsed.minor}` : ''}`;
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
export function callEstimate(call: PromptCall, modelId: string, options: FormatOptions): ModelEstimate | undefined {
  return sum(call.requests.map((request) => estimateForModel(request, modelId, options.priceOf, options.exactFor(request))));
}

/** The model the call uses, when every request names the same known model. */
export function callModel(call: PromptCall): string | undefined {
  const models = new Set(call.requests.map((request) => request.model));
  const [only] = models;
  return models.size === 1 ? only : undefined;
}

function isPartial(call: PromptCall): boolean {
  return call.batchUnresolved || call.requests.some((request) => request.unresolved.length > 0 || request.mediaBlocks > 0);
}

/**
 * The CodeLens title above an SDK call, short enough for a narrow editor: `≈1.2k tok · $0.0037 · Sonnet 4.6`
 * (tokens, the input's cost, the model). Output, cache and batch prices and other models are in the hover.
 */
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
  const name = shortModelName(model);
  const estimate = callEstimate(call, model, options)!;
  // Nothing of the prompt is known here: any dollar figure would be a made-up $0.
  if (partial && estimate.inputTokens === 0) return `${batchPrefix}prompt built at run time · ${name}: price unknown`;
  const tokens = `${batchPrefix}${tokenLabel(estimate.inputTokens, estimate.exact, partial)}`;
  if (call.requests.some((request) => request.tooLong)) return `${tokens} · too long for every model`;
  if (!estimate.price) return `${tokens} · ${name}: price unknown`;
  const tooBig = estimate.fits === false ? ' · ⚠ over its context window' : '';
  if (call.kind === 'countTokens') return `${tokens} · free to count, ${atLeast(estimate.input, partial)} to send · ${name}${tooBig}`;
  const batch = call.kind === 'batch';
  return `${tokens} · ${atLeast(batch ? estimate.batchInput : estimate.input, partial)}${batch ? ' at batch prices' : ''} · ${name}${tooBig}`;
}

/** The CodeLens title above a long prompt constant: `≈1.2k tok · prompt text · $0.0037 per use · Sonnet 4.6`. */
export function literalLensTitle(literal: PromptLiteral, options: FormatOptions): string {
  const partial = literal.unknownParts > 0;
  if (literal.model) {
    const estimate = estimateForModel(literalRequest(literal), literal.model, options.priceOf);
    const money = estimate.input === undefined ? 'price unknown' : `${atLeast(estimate.input, partial)} per use`;
    return `${tokenLabel(estimate.inputTokens, false, partial)} · prompt text · ${money} · ${shortModelName(literal.model)}`;
  }
  const classic = estimateForModel(literalRequest(literal), 'claude-sonnet-4-6', options.priceOf).inputTokens;
  const newer = estimateForModel(literalRequest(literal), 'claude-sonnet-5', options.priceOf).inputTokens;
  return `${tokenLabel(classic, false, partial)} · prompt text (≈${formatTokens(newer)} on newer models)`;
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
