import { formatCount } from '../figures';
import type { ModelEstimate } from './estimate';
import { cheapestFitting, estimateForModel } from './estimate';
import type { FormatOptions } from './format';
import { callEstimate, callModel, literalRequest, usd } from './format';
import type { PromptCall, PromptLiteral } from './types';

/** The compared models' estimates, the call's own model first. */
export function estimatesFor(own: string | undefined, estimateFor: (modelId: string) => ModelEstimate | undefined, options: FormatOptions): ModelEstimate[] {
  const models = [...new Set([...(own ? [own] : []), ...options.compareModels])];
  return models.map(estimateFor).filter((estimate): estimate is ModelEstimate => estimate !== undefined);
}

/** The model that fits at the lowest price, and what it saves against the call's own model (`bold` marks the model's name). */
export function savingLine(all: ModelEstimate[], reference: ModelEstimate | undefined, batch: boolean, bold: (text: string) => string): string | undefined {
  const priced = all.map((estimate) => (batch ? { ...estimate, input: estimate.batchInput, maxOutput: estimate.batchMaxOutput } : estimate));
  const ref = reference && priced[all.indexOf(reference)];
  const best = cheapestFitting(priced, ref);
  if (!best) return undefined;
  const what = best.model.maxOutputTokens === undefined ? 'input' : 'input + maximum output';
  if (!ref || ref.input === undefined) return `Cheapest that fits: ${bold(best.model.modelId)} (${what}).`;
  if (best.model.modelId === ref.modelId || best.savesUsd <= 0) return `This call already uses the cheapest compared model that fits (${what}).`;
  const refTotal = (ref.input ?? 0) + (ref.maxOutput ?? 0);
  const percent = refTotal > 0 ? ` (${Math.round((best.savesUsd / refTotal) * 100)} %)` : '';
  return `Cheapest that fits: ${bold(best.model.modelId)}, saves up to ${usd(best.savesUsd)}${percent} per call on ${what}.`;
}

/** One model in the comparison (a quick pick item: a row each, so it reads in any width). */
export interface ModelComparisonRow {
  modelId: string;
  /** The call's own model. */
  own: boolean;
  /** The cheapest compared model that fits. */
  cheapest: boolean;
  /** `≈1,240 tok · $0.0037 in + ≤$0.0154 out`. */
  summary: string;
  /** Cache and batch prices, and a warning when the prompt does not fit. */
  detail: string;
}

export interface ModelComparison {
  rows: ModelComparisonRow[];
  /** `Cheapest that fits: ...` in plain text. */
  saving: string | undefined;
}

function comparisonOf(own: string | undefined, estimateFor: (modelId: string) => ModelEstimate | undefined, options: FormatOptions, batch: boolean): ModelComparison {
  const all = estimatesFor(own, estimateFor, options);
  const reference = own ? all.find((estimate) => estimate.modelId === own) : undefined;
  const priced = all.map((estimate) => (batch ? { ...estimate, input: estimate.batchInput, maxOutput: estimate.batchMaxOutput } : estimate));
  const best = cheapestFitting(priced, undefined)?.model.modelId;
  const rows = all.map((estimate): ModelComparisonRow => {
    const tokens = `${estimate.exact ? '' : '≈'}${formatCount(estimate.inputTokens)} tok`;
    const input = batch ? estimate.batchInput : estimate.input;
    const output = batch ? estimate.batchMaxOutput : estimate.maxOutput;
    const out = estimate.maxOutputTokens === undefined ? '' : ` + ≤${usd(output)} out`;
    const summary = estimate.price ? `${tokens} · ${usd(input)} in${out}${batch ? ' at batch prices' : ''}` : `${tokens} · price unknown`;
    const detail = estimate.price
      ? [
          ...(estimate.fits === false ? ['⚠ exceeds its context window'] : []),
          `cache write ${usd(estimate.cacheWrite5m)} (5 min) / ${usd(estimate.cacheWrite1h)} (1 h)`,
          `cache read ${usd(estimate.cacheRead)}`,
          ...(batch ? [] : [`batch ${usd(estimate.batchInput)} in${estimate.maxOutputTokens === undefined ? '' : ` + ≤${usd(estimate.batchMaxOutput)} out`}`]),
        ].join(' · ')
      : '';
    return { modelId: estimate.modelId, own: estimate.modelId === own, cheapest: estimate.modelId === best, summary, detail };
  });
  return { rows, saving: savingLine(all, reference, batch, (name) => name) };
}

/** The models compared for a call (its own first), for the "compare models" list. */
export function callComparison(call: PromptCall, options: FormatOptions): ModelComparison {
  return comparisonOf(callModel(call), (modelId) => callEstimate(call, modelId, options), options, call.kind === 'batch');
}

/** The models compared for a prompt constant (the model of a call that uses it first). */
export function literalComparison(literal: PromptLiteral, options: FormatOptions): ModelComparison {
  const request = literalRequest(literal);
  return comparisonOf(literal.model, (modelId) => estimateForModel(request, modelId, options.priceOf), options, false);
}
