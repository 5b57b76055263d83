/**
 * The cheap gate in front of the parser: a file that never mentions Anthropic (`anthropic`,
 * `@anthropic-ai/sdk`, `from anthropic import`, `AnthropicBedrock`) is never parsed. One
 * case-insensitive search, well under a millisecond for 200 KB.
 */
export function mentionsAnthropicSdk(text: string): boolean {
  return /anthropic/i.test(text);
}
