import type { FormatOptions } from './format';
import { callLensTitle } from './format';
import type { PromptCall, PromptRequest } from './types';

/**
 * Lens titles remembered per call. An incremental scan hands back the same `requests` for every call an
 * edit did not touch, so only the touched calls are priced again; `forget()` when anything else a title
 * depends on changes (settings, prices, exact counts arriving).
 */
export class LensTitles {
  private titles = new WeakMap<PromptRequest[], string>();

  callTitle(call: PromptCall, options: FormatOptions): string {
    let title = this.titles.get(call.requests);
    if (title === undefined) {
      title = callLensTitle(call, options);
      this.titles.set(call.requests, title);
    }
    return title;
  }

  forget(): void {
    this.titles = new WeakMap();
  }
}
