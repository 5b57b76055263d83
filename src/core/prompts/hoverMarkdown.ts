import { describePriceSource } from '../prices/describeSource';
import { tokenizerGeneration } from '../tokenEstimate';
import { formatCount } from '../figures';
import type { ModelEstimate } from './estimate';
import { estimateForModel } from './estimate';
import type { FormatOptions } from './format';
import { callEstimate, callModel, literalRequest, md, usd } from './format';
import { estimatesFor, savingLine } from './modelComparison';
import type { PromptCall, PromptLiteral, PromptRequest } from './types';

/** The figures of one model in the hover, one line each (a table would not fit a narrow editor). */
function figureLines(estimate: ModelEstimate, requests: PromptRequest[], batch: boolean): string[] {
  const tokens = `${estimate.exact ? '' : '≈'}${formatCount(estimate.inputTokens)} tokens`;
  if (!estimate.price) return [`Input: ${tokens} · price unknown (\`claudeApi.prices.overrides\` can add it)`];
  const input = batch ? estimate.batchInput : estimate.input;
  const output = batch ? estimate.batchMaxOutput : estimate.maxOutput;
  const prices = batch ? ' at batch prices' : '';
  const maxAtRunTime = requests.some((request) => request.maxTokensAtRunTime);
  const lines = [
    `Input: ${tokens} · ${usd(input)}${prices}`,
    estimate.maxOutputTokens === undefined
      ? `Output: ${maxAtRunTime ? '`max_tokens` set at run time' : 'no `max_tokens`'}, not priced`
      : `Output: up to ${formatCount(estimate.maxOutputTokens)} tokens · ≤${usd(output)}${prices}`,
    `Cached prompt: write ${usd(estimate.cacheWrite5m)} (5 min) or ${usd(estimate.cacheWrite1h)} (1 h) · read ${usd(estimate.cacheRead)}`,
  ];
  if (!batch) lines.push(`Batch: ${usd(estimate.batchInput)} in${estimate.maxOutputTokens === undefined ? '' : ` + ≤${usd(estimate.batchMaxOutput)} out`}`);
  if (estimate.fits === false) lines.push('⚠ Prompt plus `max_tokens` exceed this model\'s context window');
  return lines;
}

function footnotes(requests: PromptRequest[], anyExact: boolean, options: FormatOptions, ownModel: string | undefined): string[] {
  const lines: string[] = [];
  const breakpoints = requests.flatMap((request) => request.cacheBreakpoints);
  if (breakpoints.length > 0) {
    const last = breakpoints.at(-1)!;
    lines.push(`Cached prompt: the prompt up to the last \`cache_control\` marker (in ${last.section}, TTL ${last.ttl}) at cache prices, the rest at the input price.`);
  } else {
    lines.push('Cached prompt: what the whole prompt would cost if cached (no `cache_control` marker here).');
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

/**
 * The hover on an SDK call: the request priced for its own model, one figure a line, and the saving of
 * the cheapest compared model; `compareLink` (a command link) opens every compared model.
 */
export function callHoverMarkdown(call: PromptCall, options: FormatOptions, compareLink?: string): string {
  const own = callModel(call);
  const batch = call.kind === 'batch';
  const lines = [`**Claude API · \`${call.method}\`**${own ? ` · \`${md(own)}\`` : ''}${batch ? ` · ${call.requests.length}${call.batchUnresolved ? '+' : ''} requests at batch prices` : ''}`, ''];
  if (call.requests.length === 0) {
    lines.push('The batch requests are built at run time, so they cannot be read from the source.');
    return lines.join('\n');
  }
  const all = estimatesFor(own, (modelId) => callEstimate(call, modelId, options), options);
  const reference = own ? all.find((estimate) => estimate.modelId === own) : undefined;
  if (reference) {
    lines.push(...figureLines(reference, call.requests, batch).map((line) => `- ${line}`), '');
  } else {
    const source = call.requests.find((request) => !request.model)?.modelSource;
    lines.push(source ? `Model not known here (\`${md(source)}\` is set at run time).` : 'The requests use several models.', '');
    const classic = callEstimate(call, 'claude-sonnet-4-6', options);
    const newer = callEstimate(call, 'claude-sonnet-5', options);
    if (classic && newer) lines.push(`- Input: ≈${formatCount(classic.inputTokens)} tokens (≈${formatCount(newer.inputTokens)} on newer-tokenizer models)`, '');
  }
  if (call.kind === 'countTokens') lines.push('`countTokens` itself is free; the figures are what sending this request would cost.', '');
  if (call.kind === 'toolRunner') lines.push('The tool runner sends this request first, then one more per round of tool calls (each with the growing conversation): the figures are for the first request.', '');
  const saving = savingLine(all, reference, batch, (name) => `**${md(name)}**`);
  const link = compareLink ? `[Compare models](${compareLink})` : undefined;
  if (saving || link) lines.push([saving, link].filter(Boolean).join(' '), '');
  const anyExact = reference?.exact ?? false;
  for (const note of footnotes(call.requests, anyExact, options, own)) lines.push(`- ${note}`);
  const source = sources(all);
  if (source) lines.push('', source);
  return lines.join('\n');
}

/** The hover on a long prompt constant: priced as the system prompt of the call that uses it (when one does). */
export function literalHoverMarkdown(literal: PromptLiteral, options: FormatOptions, compareLink?: string): string {
  const request = literalRequest(literal);
  const lines = [`**Claude API · prompt text \`${md(literal.name)}\`** · ${formatCount(literal.text.length)} characters${literal.model ? ` · \`${md(literal.model)}\`` : ''}`, ''];
  const all = estimatesFor(literal.model, (modelId) => estimateForModel(request, modelId, options.priceOf), options);
  const reference = literal.model ? all.find((estimate) => estimate.modelId === literal.model) : undefined;
  if (reference) {
    // A constant is part of a request: its output and batch lines would be made up.
    const perUse = (line: string) => (line.includes('$') ? `${line} per use` : line);
    lines.push(...figureLines(reference, [request], false).filter((line) => /^(Input|Cached|⚠)/.test(line)).map((line) => `- ${perUse(line)}`), '');
  } else {
    const classic = estimateForModel(request, 'claude-sonnet-4-6', options.priceOf);
    const newer = estimateForModel(request, 'claude-sonnet-5', options.priceOf);
    lines.push(`- ≈${formatCount(classic.inputTokens)} tokens (≈${formatCount(newer.inputTokens)} on newer-tokenizer models); no call in this file uses it with a known model.`, '');
  }
  const saving = savingLine(all, reference, false, (name) => `**${md(name)}**`);
  const link = compareLink ? `[Compare models](${compareLink})` : undefined;
  if (saving || link) lines.push([saving, link].filter(Boolean).join(' '), '');
  for (const note of footnotes([request], false, { ...options, exactCountsEnabled: false }, literal.model)) lines.push(`- ${note}`);
  const source = sources(all);
  if (source) lines.push('', source);
  return lines.join('\n');
}
