import type { Ctx } from '../ctx';
import { registerKeyCommands } from './keyCommands';
import { registerKeyStatusBar } from './keyStatusBar';
import { registerManageKeys } from './manageKeys';

/** API key commands, the manage menu and the key status item. The store itself is `ctx.keys`. */
export function registerKeys(ctx: Ctx): void {
  registerKeyCommands(ctx);
  registerManageKeys(ctx);
  registerKeyStatusBar(ctx);
}
