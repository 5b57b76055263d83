/**
 * Model ids as users and the API spell them, reduced to the one id a price is filed under.
 * Older models have dated ids plus aliases (`claude-sonnet-4-5-20250929` -> `claude-sonnet-4-5`);
 * cloud gateways add `@date` or `-v1:0` suffixes and Bedrock a region prefix (`us.anthropic.`); some names carry `-latest` or a `-0` minor.
 */

/** Aliases whose canonical name is not obtained by stripping suffixes. */
const aliases: Record<string, string> = {
  'claude-opus-4-0': 'claude-opus-4',
  'claude-sonnet-4-0': 'claude-sonnet-4',
  'claude-4-opus': 'claude-opus-4',
  'claude-4-sonnet': 'claude-sonnet-4',
};

/** Returns the canonical id for `modelId` (lower case, no date, no `-latest`, aliases resolved). */
export function canonicalModelId(modelId: string): string {
  let id = modelId.trim().toLowerCase();
  // `anthropic.claude-...` (Bedrock, also cross-region `us.`/`eu.`/`global.anthropic.`) and `anthropic/claude-...` (routers)
  id = id.replace(/^(?:[a-z]{2,6}\.)?anthropic[./:]/, '');
  id = id.replace(/-v\d+(?::\d+)?$/, ''); // Bedrock `-v1:0`
  id = id.replace(/@.*$/, ''); // Vertex `@20250929`
  id = id.replace(/-latest$/, '');
  id = id.replace(/-\d{8}$/, '');
  return aliases[id] ?? id;
}
