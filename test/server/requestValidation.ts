// The checks the real Messages API makes that a client most often gets wrong, answered with the same
// 400 invalid_request_error messages, so a bug in what the extension sends fails a test here rather
// than in front of a user.

const roles = new Set(['user', 'assistant']);

/** Why a POST /v1/messages (or count_tokens, with `needsMaxTokens` false) body would be rejected, or undefined. */
export function invalidRequestReason(body: unknown, needsMaxTokens: boolean): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Request body must be a JSON object.';
  const request = body as Record<string, unknown>;
  if (typeof request.model !== 'string' || request.model === '') return 'model: Field required';
  if (needsMaxTokens) {
    if (request.max_tokens === undefined) return 'max_tokens: Field required';
    if (!Number.isInteger(request.max_tokens) || (request.max_tokens as number) < 1) {
      return 'max_tokens: Input should be a valid integer greater than or equal to 1';
    }
  }
  if (!Array.isArray(request.messages)) return 'messages: Field required';
  if (request.messages.length === 0) return 'messages: at least one message is required';
  for (const [index, message] of (request.messages as unknown[]).entries()) {
    const reason = invalidMessageReason(message, index);
    if (reason) return reason;
  }
  if (request.system !== undefined && typeof request.system !== 'string' && !Array.isArray(request.system)) {
    return 'system: Input should be a valid string or list of text blocks';
  }
  if (request.temperature !== undefined) {
    const temperature = request.temperature;
    if (typeof temperature !== 'number' || temperature < 0 || temperature > 1) return 'temperature: range: 0..1';
  }
  return invalidThinkingReason(request, needsMaxTokens);
}

function invalidMessageReason(message: unknown, index: number): string | undefined {
  if (typeof message !== 'object' || message === null) return `messages.${index}: Input should be a valid dictionary`;
  const { role, content } = message as Record<string, unknown>;
  if (typeof role !== 'string' || !roles.has(role)) return `messages.${index}.role: Input should be 'user' or 'assistant'`;
  if (typeof content === 'string') {
    // The API rejects empty text everywhere except a final assistant prefill.
    return content === '' ? `messages.${index}: all messages must have non-empty content except for the optional final assistant message` : undefined;
  }
  if (!Array.isArray(content)) return `messages.${index}.content: Input should be a valid string or list`;
  for (const [blockIndex, block] of (content as unknown[]).entries()) {
    if (typeof block !== 'object' || block === null || typeof (block as Record<string, unknown>).type !== 'string') {
      return `messages.${index}.content.${blockIndex}.type: Field required`;
    }
  }
  return undefined;
}

function invalidThinkingReason(request: Record<string, unknown>, needsMaxTokens: boolean): string | undefined {
  const thinking = request.thinking as Record<string, unknown> | undefined;
  if (thinking === undefined || thinking === null || thinking.type !== 'enabled') return undefined;
  const budget = thinking.budget_tokens;
  if (!Number.isInteger(budget)) return 'thinking.enabled.budget_tokens: Field required';
  if ((budget as number) < 1024) return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
  if (needsMaxTokens && (budget as number) >= (request.max_tokens as number)) {
    return '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size';
  }
  if (request.temperature !== undefined && request.temperature !== 1) {
    return '`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility';
  }
  return undefined;
}
