/** What the chat shows for a failed or stopped reply, from the shared error classification. */
import type { ChatErrorView } from '../../shared/chatProtocol';
import type { ApiErrorInfo } from '../apiErrors';

/** The page's view of a classified error: its message, wait, request id and the one fix as a button. */
export function toChatErrorView(info: ApiErrorInfo): ChatErrorView {
  const view: ChatErrorView = { kind: info.kind, message: info.message, actions: [] };
  if (info.status !== undefined) view.status = info.status;
  if (info.retryAfterSeconds !== undefined) view.retryAfterSeconds = info.retryAfterSeconds;
  if (info.requestId) view.requestId = info.requestId;
  if (info.action) view.actions.push({ ...info.action });
  return view;
}

/** The user pressed Stop. */
export function stoppedErrorView(): ChatErrorView {
  return { kind: 'aborted', message: 'Stopped. What arrived is kept; Continue asks for the rest.', actions: [] };
}

/** The reply was still streaming when the window went away (found on load). */
export function unfinishedErrorView(): ChatErrorView {
  return { kind: 'unfinished', message: 'This reply did not finish (the window closed while it was streaming).', actions: [] };
}

/** The reply's stream ended without `message_stop` and without an error (e.g. a proxy cut it cleanly). */
export function truncatedErrorView(): ChatErrorView {
  return {
    kind: 'network',
    message: 'The reply ended before it was complete. If this keeps happening, check claudeApi.baseUrl and your proxy.',
    actions: [{ kind: 'openSettings', label: 'Check Base URL', setting: 'claudeApi.baseUrl' }],
  };
}
