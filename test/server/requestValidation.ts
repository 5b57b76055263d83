// The checks the real Messages API makes that a client most often gets wrong, answered with the same
// 400 invalid_request_error messages, so a bug in what the extension sends fails a test here rather
// than in front of a user.

const roles = new Set(['user', 'assistant']);

/** The first API version that removed the sampling parameters and tightened message content rules. */
export const strictApiVersion = '2026-10-21';

const samplingParameters = ['temperature', 'top_p', 'top_k'];

/**
 * Why a POST /v1/messages (or count_tokens, with `needsMaxTokens` false) body would be rejected, or
 * undefined. `apiVersion` is the request's `anthropic-version` header: from 2026-10-21 on the API
 * rejects `temperature`, `top_p` and `top_k` (even at default values), a `document` block in an
 * assistant message and non-empty `citations` on a user's text block.
 */
export function invalidRequestReason(body: unknown, needsMaxTokens: boolean, apiVersion: string): string | undefined {
  const strict = apiVersion >= strictApiVersion;
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
    const reason = invalidMessageReason(message, index) ?? (strict ? strictContentReason(message as Record<string, unknown>, index) : undefined);
    if (reason) return reason;
  }
  if (strict) {
    const sampling = samplingParameters.find((name) => request[name] !== undefined);
    if (sampling) return `${sampling}: Extra inputs are not permitted`;
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
    const reason = invalidSourceReason(block as Record<string, unknown>, `messages.${index}.content.${blockIndex}`);
    if (reason) return reason;
  }
  return undefined;
}

/** Largest base64 string of one image the API accepts. */
const imageMaxBase64 = 5 * 1024 * 1024;

/** First bytes of each image type the API takes: it refuses an image whose content is not its declared type. */
const imageSignatures: Record<string, (bytes: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/gif': (b) => b.subarray(0, 3).toString('latin1') === 'GIF',
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

/** The API's checks of base64 `image` and `document` blocks: media type, size, and content matching the type. */
function invalidSourceReason(block: Record<string, unknown>, where: string): string | undefined {
  if (block.type !== 'image' && block.type !== 'document') return undefined;
  const source = block.source as Record<string, unknown> | undefined;
  if (typeof source !== 'object' || source === null) return `${where}.${block.type}.source: Field required`;
  if (source.type !== 'base64') return undefined;
  const data = source.data;
  if (typeof data !== 'string' || data === '') return `${where}.${block.type}.source.base64.data: Field required`;
  const head = Buffer.from(data.slice(0, 24), 'base64');
  if (block.type === 'image') {
    const matches = typeof source.media_type === 'string' ? imageSignatures[source.media_type] : undefined;
    if (!matches) return `${where}.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`;
    if (data.length > imageMaxBase64) return `${where}.image.source.base64: image exceeds 5 MB maximum: ${data.length} bytes > ${imageMaxBase64} bytes`;
    if (!matches(head)) return `${where}.image.source.base64.data: Image does not match the provided media type ${String(source.media_type)}`;
    return undefined;
  }
  if (source.media_type !== 'application/pdf') return `${where}.document.source.base64.media_type: Input should be 'application/pdf'`;
  if (!head.toString('latin1').includes('%PDF-')) return `${where}.document.source.base64.data: The PDF specified was not valid.`;
  return undefined;
}

/** Content rules added in API version 2026-10-21. */
function strictContentReason(message: Record<string, unknown>, index: number): string | undefined {
  if (!Array.isArray(message.content)) return undefined;
  for (const [blockIndex, block] of (message.content as Record<string, unknown>[]).entries()) {
    if (message.role === 'assistant' && block.type === 'document') {
      return `messages.${index}.content.${blockIndex}: document blocks are not allowed in assistant messages`;
    }
    if (message.role === 'user' && block.type === 'text' && Array.isArray(block.citations) && block.citations.length > 0) {
      return `messages.${index}.content.${blockIndex}.citations: citations are not allowed on text blocks in user messages`;
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
