import type { Messages } from '@anthropic-ai/sdk/resources/messages/messages';
import type { Models } from '@anthropic-ai/sdk/resources/models';

/**
 * The part of the Anthropic client the chat uses. Structural, so whichever client `ctx.client` builds
 * (the full SDK or a slim `BaseAnthropic` with only these resources) fits.
 */
export interface ChatClient {
  messages: Pick<Messages, 'stream'>;
  models: Pick<Models, 'list'>;
}
