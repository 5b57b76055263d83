import type { ModelOption } from '../../shared/chatProtocol';
import type { ChatClient } from './chatClient';

/** Offered when `models.list` cannot be reached (no key, offline, gateway without the endpoint). */
export const fallbackModels: readonly ModelOption[] = [
  { id: 'claude-opus-5-5', displayName: 'Claude Opus 5.5' },
  { id: 'claude-sonnet-5-5', displayName: 'Claude Sonnet 5.5' },
  { id: 'claude-haiku-5-5', displayName: 'Claude Haiku 5.5' },
  { id: 'claude-opus-5', displayName: 'Claude Opus 5' },
  { id: 'claude-sonnet-5', displayName: 'Claude Sonnet 5' },
  { id: 'claude-sonnet-4-6', displayName: 'Claude Sonnet 4.6' },
  { id: 'claude-haiku-4-5', displayName: 'Claude Haiku 4.5' },
];

/** At most this many models are read (a few pages); the picker needs no more. */
const maxModels = 200;

/** The account's models, newest first, as `models.list` returns them (all pages, up to a limit). */
export async function fetchModels(client: ChatClient, signal?: AbortSignal): Promise<ModelOption[]> {
  const models: ModelOption[] = [];
  for await (const info of client.models.list({ limit: 100 }, { signal, maxRetries: 0 })) {
    models.push({ id: info.id, displayName: info.display_name || info.id });
    if (models.length >= maxModels) break;
  }
  return models;
}

/** The list with `current` included, so the picker can always show the conversation's model. */
export function withCurrentModel(models: readonly ModelOption[], current: string): ModelOption[] {
  return models.some((model) => model.id === current) ? [...models] : [{ id: current, displayName: current }, ...models];
}
