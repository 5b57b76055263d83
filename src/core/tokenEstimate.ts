import { canonicalModelId } from './prices/modelIds';

/**
 * Offline token estimates. No official offline tokenizer exists for Claude 3 and later, so counts are
 * estimated from characters and always shown as approximate (`≈`). Exact counts need `countTokens`.
 */

/** Which tokenizer generation a model uses. */
export type TokenizerGeneration = 'classic' | 'new';

/** Characters per token for the tokenizer of Sonnet 4.6 / Haiku 4.5 and earlier (Anthropic's model pages). */
export const classicCharsPerToken = 3.5;

/**
 * The newer tokenizer (Opus 4.7 and later, every generation-5 model) yields about 30 % more tokens for
 * the same text, so fewer characters per token.
 */
export const newTokenizerFactor = 1.3;

/** Parses `claude-opus-4-7`, `claude-sonnet-5-5-20270101`, `claude-3-5-haiku-20241022` into family and version. */
export function parseModelId(modelId: string): { family: string; major: number; minor: number } | undefined {
  const id = modelId.toLowerCase();
  const modern = /^claude-(opus|sonnet|haiku|[a-z]+)-(\d+)(?:-(\d{1,2}))?(?:-\d{8})?(?:$|[-@:])/.exec(id);
  if (modern) return { family: modern[1], major: Number(modern[2]), minor: Number(modern[3] ?? 0) };
  const legacy = /^claude-(\d+)(?:-(\d{1,2}))?-(opus|sonnet|haiku)/.exec(id);
  if (legacy) return { family: legacy[3], major: Number(legacy[1]), minor: Number(legacy[2] ?? 0) };
  return undefined;
}

export function tokenizerGeneration(modelId: string): TokenizerGeneration {
  // Bedrock and Vertex spellings (`us.anthropic.claude-sonnet-4-5-20250929-v1:0`) are the same model.
  const parsed = parseModelId(canonicalModelId(modelId));
  if (!parsed) return 'new'; // Unknown (probably newer) models: err towards more tokens, never fewer.
  if (parsed.major >= 5) return 'new';
  if (parsed.family === 'opus' && parsed.major === 4 && parsed.minor >= 7) return 'new';
  return 'classic';
}

/** Estimated tokens of `text` for `modelId` (at least 1 for non-empty text). */
export function estimateTokens(text: string, modelId: string): number {
  return estimateTokensOfLength(text.length, modelId);
}

/** Estimated tokens of a text `length` characters long (for text whose length is known but not at hand). */
export function estimateTokensOfLength(length: number, modelId: string): number {
  if (length <= 0) return 0;
  const classic = length / classicCharsPerToken;
  const tokens = tokenizerGeneration(modelId) === 'new' ? classic * newTokenizerFactor : classic;
  return Math.max(1, Math.ceil(tokens));
}
