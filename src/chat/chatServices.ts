import type { Ctx } from '../ctx';
import type { ChatServices } from './registerChat';

/** The chat's view of the key store, the client factory and the usage meter on `ctx`. */
export function chatServicesFrom(ctx: Ctx): ChatServices {
  return {
    getClient: () => ctx.client.get(),
    async keyState() {
      const profile = await ctx.keys.activeProfile();
      // The profile name only: not even the masked key goes to the page.
      return profile ? { hasKey: true, profileName: profile.name } : { hasKey: false };
    },
    onDidChangeKeys: (listener) => ctx.keys.onDidChange(() => listener()),
    usage: () => ctx.usage,
  };
}
