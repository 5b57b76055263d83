import { costOfUsage } from '../prices/cost';
import { canonicalModelId } from '../prices/modelIds';
import type { ModelPrice } from '../prices/types';
import { estimateTokens, newTokenizerFactor, tokenizerGeneration } from '../tokenEstimate';
import type { PromptRequest } from './types';

/** Finds the price of a model id (the adapter passes `ctx.prices.price`: overrides applied, remembered per model). */
export type PriceLookup = (modelId: string) => ModelPrice | undefined;

/** The text the API counts as input, in caching order: tools, then system, then messages. */
export function inputText(request: PromptRequest): string {
  return request.toolsJson + request.systemText + request.messageTexts.join('');
}

/**
 * The tool-use system prompt the API adds to every request with tools (Anthropic's tool-use pricing
 * page): 346 tokens for `auto`/`none` and 313 for `any`/`tool` on the Claude 4 generation and later,
 * 530/281 on Claude 3 Opus. `countTokens` includes it; the offline estimate adds it here.
 */
export function toolSystemPromptTokens(request: PromptRequest, modelId: string): number {
  if (request.toolCount === 0) return 0;
  const forced = request.toolChoice === 'any' || request.toolChoice === 'tool';
  if (/claude-3-opus/.test(canonicalModelId(modelId))) return forced ? 281 : 530;
  return forced ? 313 : 346;
}

/** One request priced for one model. Dollars are undefined when the model's price is unknown. */
export interface ModelEstimate {
  modelId: string;
  price: ModelPrice | undefined;
  inputTokens: number;
  /** True when `inputTokens` came from `messages.countTokens` for this very model. */
  exact: boolean;
  /** Tokens up to the last `cache_control` marker, or the whole prompt when there is none. */
  cacheableTokens: number;
  maxOutputTokens: number | undefined;
  input?: number;
  maxOutput?: number;
  cacheWrite5m?: number;
  cacheWrite1h?: number;
  cacheRead?: number;
  batchInput?: number;
  batchMaxOutput?: number;
  /** Whether prompt plus `max_tokens` fits the model's context window (undefined: window unknown). */
  fits: boolean | undefined;
}

/**
 * Prices `request` as if sent to `modelId`. `exact` is a `countTokens` result for the request's own
 * model; for another model it is scaled by the tokenizer difference (and no longer exact).
 */
export function estimateForModel(request: PromptRequest, modelId: string, priceOf: PriceLookup, exact?: number): ModelEstimate {
  const text = inputText(request);
  let inputTokens: number;
  let isExact = false;
  if (exact !== undefined && request.model) {
    inputTokens = rescale(exact, request.model, modelId);
    isExact = request.model === modelId;
  } else {
    inputTokens = estimateTokens(text, modelId) + toolSystemPromptTokens(request, modelId);
  }
  const lastBreakpoint = request.cacheBreakpoints.at(-1);
  const cacheableTokens = lastBreakpoint && text.length > 0 ? Math.round((inputTokens * lastBreakpoint.prefixChars) / text.length) : inputTokens;
  const price = priceOf(modelId);
  const maxOutputTokens = request.maxTokens;
  // Sonnet 4 and 4.5 take 1M tokens with the `context-1m` beta (200K without).
  const extended = price?.extendedContext;
  const contextWindow = extended && request.betas?.includes(extended.beta) ? extended.contextWindow : price?.contextWindow;
  const estimate: ModelEstimate = {
    modelId,
    price,
    inputTokens,
    exact: isExact,
    cacheableTokens,
    maxOutputTokens,
    fits: contextWindow === undefined ? undefined : inputTokens + (maxOutputTokens ?? 0) <= contextWindow,
  };
  if (!price) return estimate;
  const none = { inputTokens: 0, outputTokens: 0, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0 };
  const dollars = (usage: Partial<typeof none>, batch = false) => {
    const cost = costOfUsage({ ...none, ...usage }, price, { batch });
    return cost.kind === 'priced' ? cost.totalUsd : 0;
  };
  // Long-prompt tiers look at the whole prompt, so each figure is computed with the full prompt in view.
  const rest = inputTokens - cacheableTokens;
  estimate.input = dollars({ inputTokens });
  estimate.cacheWrite5m = dollars({ inputTokens: rest, cacheWrite5mTokens: cacheableTokens });
  estimate.cacheWrite1h = dollars({ inputTokens: rest, cacheWrite1hTokens: cacheableTokens });
  estimate.cacheRead = dollars({ inputTokens: rest, cacheReadTokens: cacheableTokens });
  estimate.batchInput = dollars({ inputTokens }, true);
  if (maxOutputTokens !== undefined) {
    // Output is priced at the tier the prompt falls in: price both together, then take the input off.
    estimate.maxOutput = dollars({ inputTokens, outputTokens: maxOutputTokens }) - estimate.input;
    estimate.batchMaxOutput = dollars({ inputTokens, outputTokens: maxOutputTokens }, true) - estimate.batchInput;
  }
  return estimate;
}

/** Converts a token count between tokenizer generations (the newer one yields ~30 % more tokens). */
function rescale(tokens: number, fromModel: string, toModel: string): number {
  const from = tokenizerGeneration(fromModel);
  const to = tokenizerGeneration(toModel);
  if (from === to) return tokens;
  return Math.round(to === 'new' ? tokens * newTokenizerFactor : tokens / newTokenizerFactor);
}

/** The cheapest model among `estimates` that fits, and what it saves against `reference`. */
export function cheapestFitting(estimates: ModelEstimate[], reference: ModelEstimate | undefined): { model: ModelEstimate; savesUsd: number } | undefined {
  const total = (estimate: ModelEstimate) => (estimate.input ?? Infinity) + (estimate.maxOutput ?? 0);
  const candidates = estimates.filter((estimate) => estimate.input !== undefined && estimate.fits !== false);
  if (candidates.length === 0) return undefined;
  const best = candidates.reduce((a, b) => (total(b) < total(a) ? b : a));
  if (!reference || reference.input === undefined) return { model: best, savesUsd: 0 };
  return { model: best, savesUsd: Math.max(0, total(reference) - total(best)) };
}
