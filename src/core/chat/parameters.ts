/** Chat request parameters: defaults and the one place that keeps them within the API's rules. */
import type { ChatParameters, ChatParametersPatch } from '../../shared/chatProtocol';
import { parameterLimits } from '../../shared/chatProtocol';

/** Used when the settings name no model. */
export const defaultChatModel = 'claude-sonnet-5-5';

export function defaultParameters(model = defaultChatModel, maxTokens = 4096): ChatParameters {
  return normalizeParameters({ model, systemPrompt: '', maxTokens, thinking: { enabled: false, budgetTokens: 2048 } });
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * Returns parameters the API accepts: whole token counts within limits, and
 * with thinking on a budget of at least 1024 below `maxTokens` (raising `maxTokens` when needed,
 * since the budget is what the user just chose).
 */
export function normalizeParameters(parameters: ChatParameters): ChatParameters {
  const limits = parameterLimits;
  const budgetTokens = clamp(Math.round(parameters.thinking.budgetTokens), limits.thinkingBudgetMin, limits.maxTokensMax - 1);
  let maxTokens = clamp(Math.round(parameters.maxTokens), limits.maxTokensMin, limits.maxTokensMax);
  if (parameters.thinking.enabled && maxTokens <= budgetTokens) maxTokens = Math.min(limits.maxTokensMax, budgetTokens + 1024);
  return {
    model: parameters.model.trim() || defaultChatModel,
    systemPrompt: parameters.systemPrompt,
    maxTokens,
    thinking: { enabled: parameters.thinking.enabled, budgetTokens },
  };
}

/** Applies a patch from the page and normalizes the result. */
export function applyParametersPatch(parameters: ChatParameters, patch: ChatParametersPatch): ChatParameters {
  const next: ChatParameters = {
    ...parameters,
    thinking: { ...parameters.thinking },
  };
  if (patch.model !== undefined) next.model = patch.model;
  if (patch.systemPrompt !== undefined) next.systemPrompt = patch.systemPrompt;
  if (patch.maxTokens !== undefined) next.maxTokens = patch.maxTokens;
  if (patch.thinkingEnabled !== undefined) next.thinking.enabled = patch.thinkingEnabled;
  if (patch.thinkingBudgetTokens !== undefined) next.thinking.budgetTokens = patch.thinkingBudgetTokens;
  return normalizeParameters(next);
}
