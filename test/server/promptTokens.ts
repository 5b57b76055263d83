// The fake server's deterministic token arithmetic. It is deliberately simple (one token per four
// characters plus a small per-message overhead) so tests can compute the expected numbers by hand;
// it is not meant to match the real tokenizer.

/** Tokens for a piece of text: ceil(characters / 4). */
export function textTokens(text: string): number {
  return Math.ceil([...text].length / 4);
}

/** Everything a Messages request body contributes to the prompt, as plain text. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((block) => blockText(block)).join('\n');
  return '';
}

function blockText(block: unknown): string {
  if (typeof block !== 'object' || block === null) return '';
  const record = block as Record<string, unknown>;
  if (typeof record.text === 'string') return record.text;
  if (typeof record.thinking === 'string') return record.thinking;
  // Images, documents, tool results: count their JSON so bigger inputs still cost more.
  return JSON.stringify(record);
}

/**
 * Input tokens of a request body: the system prompt and each message's text at one token per four
 * characters, plus 3 per message and 3 for a system prompt, plus the tools' JSON.
 */
export function promptTokens(body: Record<string, unknown>): number {
  let tokens = 0;
  if (body.system !== undefined && body.system !== null) tokens += 3 + textTokens(contentText(body.system));
  if (Array.isArray(body.messages)) {
    for (const message of body.messages as unknown[]) {
      const content = typeof message === 'object' && message !== null ? (message as Record<string, unknown>).content : undefined;
      tokens += 3 + textTokens(contentText(content));
    }
  }
  if (Array.isArray(body.tools)) tokens += textTokens(JSON.stringify(body.tools));
  return tokens;
}

/** The last user message's text blocks (not images or documents), which the default reply echoes. */
export function lastUserText(body: Record<string, unknown>): string {
  if (!Array.isArray(body.messages)) return '';
  for (let i = body.messages.length - 1; i >= 0; i--) {
    const message = body.messages[i] as Record<string, unknown> | null;
    if (!message || message.role !== 'user') continue;
    const content = message.content;
    if (!Array.isArray(content)) return contentText(content);
    return content
      .filter((block): block is { text: string } => typeof block === 'object' && block !== null && typeof (block as Record<string, unknown>).text === 'string')
      .map((block) => block.text)
      .join('\n');
  }
  return '';
}
