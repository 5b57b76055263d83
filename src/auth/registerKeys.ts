import type { Ctx } from '../ctx';
import { registerKeyCommands } from './keyCommands';
import { registerKeyContextKeys } from './keyContextKeys';
import { registerKeyStatusBar } from './keyStatusBar';
import { registerManageKeys } from './manageKeys';

/** API key commands, the manage menu, the key status item and the key context keys. The store itself is `ctx.keys`. */
export function registerKeys(ctx: Ctx): void {
  registerKeyCommands(ctx);
  registerManageKeys(ctx);
  registerKeyStatusBar(ctx);
  registerKeyContextKeys(ctx);
}
