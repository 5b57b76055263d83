import { CommandIds } from './commandIds';
import type { Ctx } from './ctx';

/** Commands that belong to no single feature. */
export function registerGeneralCommands(ctx: Ctx): void {
  ctx.registerCommand(CommandIds.showLog, () => ctx.log.show());
}
