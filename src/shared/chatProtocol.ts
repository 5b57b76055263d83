/**
 * The chat view's protocol: every message between the extension host and the chat page.
 *
 * - Messages are named by tense: the host tells the page what DID happen (`didAppendText`), the page
 *   asks the host to DO something (`send`, `stop`).
 * - The page posts `ready` once its listener is installed; the host sends nothing before that and
 *   answers with `didInitialize` (the whole state). After a reload the page says `ready` again and
 *   gets the whole state again, so the page never has to remember anything itself.
 * - Everything from the page is untrusted: the host runs it through `parseFromWebview` on receipt and
 *   drops what does not validate. The page trusts the host.
 * - The API key never travels here; the page learns only whether a key is set and the profile name.
 * - One reply streams at a time. Switching conversations does not stop it: stream messages carry the
 *   turn id, and the page ignores those for turns it is not showing.
 *
 * Shared by the host bundle and the browser bundle, so no `vscode` and no Node imports.
 */

import type { ApiErrorKind } from '../core/apiErrors';
import { attachmentLimits, base64Length } from './attachmentLimits';

// ---------------------------------------------------------------------------------------------
// Shared shapes
// ---------------------------------------------------------------------------------------------

/**
 * Parameters of the requests a conversation makes (each conversation keeps its own copy).
 * There is deliberately no temperature: API version 2026-10-21 (sent by `@anthropic-ai/sdk` 1.x)
 * rejects `temperature`, `top_p` and `top_k` with a 400, even at their default values.
 */
export interface ChatParameters {
  /** Model id sent as `model`, e.g. `claude-sonnet-4-5`. */
  model: string;
  /** System prompt; empty means none is sent. */
  systemPrompt: string;
  /** `max_tokens` of each request (when thinking is on it must exceed the thinking budget). */
  maxTokens: number;
  /** Extended thinking. */
  thinking: {
    /** Whether requests ask for thinking. */
    enabled: boolean;
    /** `budget_tokens` (at least 1024, below `maxTokens`). */
    budgetTokens: number;
  };
}

/** Limits the page should enforce in its controls (the host enforces them again). */
export const parameterLimits = {
  maxTokensMin: 1,
  maxTokensMax: 128_000,
  thinkingBudgetMin: 1024,
  /** Longest message the page may send, in characters. */
  messageMaxChars: 2_000_000,
  /** Longest conversation title. */
  titleMaxChars: 200,
} as const;

/** One entry of the history list. */
export interface ConversationSummary {
  id: string;
  /** Shown in the history list; derived from the first user message until the user renames it. */
  title: string;
  /** Epoch milliseconds of the last change; the list is sorted by it, newest first. */
  updatedAt: number;
  /** Number of turns (user and assistant). */
  turnCount: number;
}

/** A model the picker offers. */
export interface ModelOption {
  /** Model id sent to the API. */
  id: string;
  /** Human name, e.g. `Claude Sonnet 4.5`. */
  displayName: string;
}

/** Whether an API key is set; never the key itself. */
export interface KeyState {
  /** True when the active profile has a key. */
  hasKey: boolean;
  /** Name of the active key profile, when there is one. */
  profileName?: string;
}

/**
 * Something the user can do about a problem; the page shows a button labelled `label` and sends the
 * action back unchanged in `runAction`. Mirrors the shared error classification's actions.
 */
export type ChatAction =
  /** Run "Claude API: Set API Key". */
  | { kind: 'setApiKey'; label: string }
  /** Pick another key profile. */
  | { kind: 'switchProfile'; label: string }
  /** Open the Settings editor at `setting` (e.g. `claudeApi.baseUrl`, `http.proxy`). */
  | { kind: 'openSettings'; label: string; setting: string }
  /** Open an http(s) page in the browser (e.g. the Console's billing page). */
  | { kind: 'openUrl'; label: string; url: string }
  /** Show the extension's log. */
  | { kind: 'showLog'; label: string };

/**
 * Why a reply did not complete: a kind of the shared error classification (`authentication`, `rateLimit`,
 * `overloaded`, `network`, `aborted` for Stop...), or `unfinished` when the window went away while it streamed.
 */
export type ChatErrorKind = ApiErrorKind | 'unfinished';

/** A classified failure, as the page shows it. */
export interface ChatErrorView {
  kind: ChatErrorKind;
  /** One or two sentences for the user; never contains the key. */
  message: string;
  /** HTTP status, when there was one. */
  status?: number;
  /** Seconds to wait before retrying (from `retry-after`), when the API said. */
  retryAfterSeconds?: number;
  /** `request-id` of the failed request, for support. */
  requestId?: string;
  /** Buttons to offer besides Retry/Continue. */
  actions: ChatAction[];
}

/** Model, tokens and cost of one reply, shown in its footer. */
export interface ReplyFooter {
  model: string;
  /** Prompt tokens: input + cache writes + cache reads. */
  inputTokens: number;
  outputTokens: number;
  /** Of `inputTokens`, how many were read from the cache. */
  cacheReadTokens: number;
  /** Dollars; undefined when the price is unknown (show tokens only, never `$0`). */
  costUsd?: number;
  /** True when the figures are estimates (stopped or failed replies). */
  approximate: boolean;
}

/** A block of an assistant turn as the page shows it. */
export type BlockView =
  | { kind: 'text'; text: string }
  /** Shown collapsed. */
  | { kind: 'thinking'; text: string }
  /** Thinking the API returned encrypted; the page shows only that it exists. */
  | { kind: 'redactedThinking' };

/** What an attachment is: text (a file or selection), an image, or a PDF. */
export type AttachmentKind = 'text' | 'image' | 'pdf';

/** An attachment as the page shows it: a chip in the composer, or an entry of a sent message. */
export interface AttachmentView {
  /** Removes it from the composer (`removeAttachment`). */
  id: string;
  kind: AttachmentKind;
  /** File name or workspace-relative path, cleaned of control characters (still shown as text only). */
  name: string;
  /** "lines 3-10", "1024 × 768", "12 pages". */
  detail: string;
  /** Size in bytes. */
  bytes: number;
  /** Estimated tokens it adds to a request (≈). */
  tokens: number;
  /** Images: file name of the stored copy in the attachments folder (`attachmentsBaseUri`), for a thumbnail. */
  thumbnail?: string;
  /** Its stored copy is gone: shown marked, sent as a note saying so. */
  missing?: boolean;
}

export interface UserTurnView {
  role: 'user';
  id: string;
  text: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Sent with the message, in order. */
  attachments?: AttachmentView[];
}

export interface AssistantTurnView {
  role: 'assistant';
  id: string;
  /** Epoch milliseconds. */
  createdAt: number;
  blocks: BlockView[];
  /** `streaming` only while a reply is being received in this window. */
  status: 'streaming' | 'complete' | 'interrupted';
  /** Set once the reply ends (complete or interrupted). */
  footer?: ReplyFooter;
  /** Why the reply is interrupted (also for Stop: kind `aborted`). */
  error?: ChatErrorView;
  /** `stop_reason` of a complete reply (`end_turn`, `max_tokens`...). */
  stopReason?: string;
}

export type TurnView = UserTurnView | AssistantTurnView;

/** The open conversation, whole. */
export interface ConversationView {
  id: string;
  title: string;
  parameters: ChatParameters;
  turns: TurnView[];
}

/** Everything the page needs to draw itself from nothing. */
export interface ChatState {
  conversations: ConversationSummary[];
  active: ConversationView;
  models: ModelOption[];
  /** True when `models` is the built-in list because `models.list` failed or there is no key. */
  modelsOffline: boolean;
  key: KeyState;
  /** True while a reply streams; the page shows Stop instead of Send. */
  busy: boolean;
  limits: typeof parameterLimits;
  /** Attachments waiting in the composer, sent with the next message. */
  attachments: AttachmentView[];
  /**
   * Webview URI of the attachments folder (set by the view), for image thumbnails: the page loads
   * `<attachmentsBaseUri>/<thumbnail>`, which the CSP's `img-src` allows like the extension's own files.
   */
  attachmentsBaseUri?: string;
}

/**
 * "Copy as code" languages, the one list: the page's menu, the validator of `copyAsCode` and the host's
 * editor language all read it.
 */
export const snippetLanguages = {
  typescript: { label: 'TypeScript', editorLanguage: 'typescript' },
  python: { label: 'Python', editorLanguage: 'python' },
  curl: { label: 'curl', editorLanguage: 'shellscript' },
} as const satisfies Record<string, { label: string; editorLanguage: string }>;

/** Language of a "Copy as code" snippet. */
export type SnippetLanguage = keyof typeof snippetLanguages;

export function isSnippetLanguage(value: unknown): value is SnippetLanguage {
  return typeof value === 'string' && Object.hasOwn(snippetLanguages, value);
}

// ---------------------------------------------------------------------------------------------
// Host -> page
// ---------------------------------------------------------------------------------------------

export type ToWebviewMessage =
  /** Answer to `ready`: the whole state. Also sent after anything that changes much of it. */
  | { type: 'didInitialize'; state: ChatState }
  /** The history list changed (new, renamed, deleted conversation, or a new message). */
  | { type: 'didChangeConversations'; conversations: ConversationSummary[] }
  /** Another conversation became active (switch, new chat, delete of the active one, edit-and-resend). */
  | { type: 'didOpenConversation'; conversation: ConversationView }
  /** The active conversation's parameters changed (accepted and normalized by the host). */
  | { type: 'didChangeParameters'; conversationId: string; parameters: ChatParameters }
  | { type: 'didChangeModels'; models: ModelOption[]; modelsOffline: boolean }
  | { type: 'didChangeKeyState'; key: KeyState }
  /** Whether a reply is streaming. */
  | { type: 'didChangeBusy'; busy: boolean }
  /** A user turn was saved and appended to the conversation (before its request is sent). */
  | { type: 'didAppendUserTurn'; conversationId: string; turn: UserTurnView }
  /**
   * A reply started: append an empty assistant turn with status `streaming`, or, for Continue, resume
   * the existing turn `turnId` (its blocks stay; new blocks follow).
   */
  | { type: 'didStartReply'; conversationId: string; turnId: string; resumed: boolean }
  /** A content block began at `index` of the turn's `blocks` (indexes count from the turn's first block). */
  | { type: 'didStartBlock'; turnId: string; index: number; kind: BlockView['kind'] }
  /** Text to append to text block `index`; several deltas coalesced into one message. */
  | { type: 'didAppendText'; turnId: string; index: number; text: string }
  /** Thinking text to append to thinking block `index`. */
  | { type: 'didAppendThinking'; turnId: string; index: number; text: string }
  /** Block `index` is complete. */
  | { type: 'didEndBlock'; turnId: string; index: number }
  /** The reply completed; show its footer. */
  | { type: 'didEndReply'; turnId: string; footer: ReplyFooter; stopReason?: string }
  /** The reply stopped early (Stop, network, API error): keep what arrived, mark it, offer Retry/Continue. */
  | { type: 'didInterruptReply'; turnId: string; error: ChatErrorView; footer?: ReplyFooter }
  /** The composer's attachments changed (added, removed, sent, or re-estimated for another model). */
  | { type: 'didChangeAttachments'; attachments: AttachmentView[] }
  /** A failure outside a reply (e.g. a rejected edit, storage trouble); show it briefly. */
  | { type: 'didShowNotice'; level: 'info' | 'warning' | 'error'; message: string; actions?: ChatAction[] };

/** Every message type the host sends; the page ignores anything else posted to its window. */
export const hostMessageTypes: Readonly<Record<ToWebviewMessage['type'], true>> = {
  didInitialize: true,
  didChangeConversations: true,
  didOpenConversation: true,
  didChangeParameters: true,
  didChangeModels: true,
  didChangeKeyState: true,
  didChangeBusy: true,
  didAppendUserTurn: true,
  didStartReply: true,
  didStartBlock: true,
  didAppendText: true,
  didAppendThinking: true,
  didEndBlock: true,
  didEndReply: true,
  didInterruptReply: true,
  didChangeAttachments: true,
  didShowNotice: true,
};

/** Whether `data` is a message of the host's (the host is trusted; this keeps out anything else posted to the page). */
export function isHostMessage(data: unknown): data is ToWebviewMessage {
  return isRecord(data) && typeof data.type === 'string' && Object.hasOwn(hostMessageTypes, data.type);
}

// ---------------------------------------------------------------------------------------------
// Page -> host: one table of verbs
// ---------------------------------------------------------------------------------------------

/** Partial update of the active conversation's parameters; omitted fields stay. */
export interface ChatParametersPatch {
  model?: string;
  systemPrompt?: string;
  maxTokens?: number;
  thinkingEnabled?: boolean;
  thinkingBudgetTokens?: number;
}

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown, maxLength: number, allowEmpty = true): value is string {
  return typeof value === 'string' && value.length <= maxLength && (allowEmpty || value.length > 0);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Text the user typed: not blank, within the limit. */
function isMessageText(value: unknown): value is string {
  return isString(value, parameterLimits.messageMaxChars) && value.trim() !== '';
}

function isId(value: unknown): value is string {
  return isString(value, idMaxChars, false);
}

const idMaxChars = 100;
const none = () => ({});

/** The longest base64 an attachment can need (a PDF at its limit); longer data is refused unread. */
const attachmentDataMaxChars = base64Length(attachmentLimits.pdfMaxBytes);
const base64Pattern = /^[A-Za-z0-9+/]*={0,2}$/;
/** URIs one drop may name. */
const droppedUrisMax = attachmentLimits.pendingMax;

function isBase64(value: unknown): value is string {
  return isString(value, attachmentDataMaxChars, false) && value.length % 4 === 0 && base64Pattern.test(value);
}

function isUriList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.length <= droppedUrisMax && value.every((uri) => isString(uri, 8192, false));
}

/**
 * Every request the page may send, the one table: verb -> validator of its fields. A validator gets the
 * untrusted message and returns a fresh object with only the known fields (or undefined when anything is
 * malformed: missing or mistyped field, oversized text). The message union (`FromWebviewMessage`), the
 * host's dispatcher (`PageHandlers`, so a verb without a handler does not compile) and `parseFromWebview`
 * all come from it.
 */
export const pageVerbs = {
  /** The page's listener is installed; the host answers with `didInitialize`. */
  ready: none,
  /**
   * Send a new user message in the active conversation. The page keeps the composer's text until
   * `didAppendUserTurn` confirms it was saved (a send while a reply streams is refused with a notice).
   */
  send: (m: Fields) => (isMessageText(m.text) ? { text: m.text } : undefined),
  /**
   * Attach a file the user dropped or pasted into the page, read there: its name, the browser's media type
   * (a hint only: the host looks at the bytes) and its content as base64. The host answers with
   * `didChangeAttachments`, or a notice saying why it was refused.
   */
  attachData: (m: Fields) =>
    isString(m.name, 1000, false) && isString(m.mediaType, 200) && isBase64(m.data) ? { name: m.name, mediaType: m.mediaType, data: m.data } : undefined,
  /** Attach files dropped from the Explorer or an editor tab (`file:`/`vscode-remote:` URIs; the host reads them). */
  attachUris: (m: Fields) => (isUriList(m.uris) ? { uris: [...m.uris] } : undefined),
  /** Show the open dialog and attach the files picked (the composer's Attach button). */
  pickFiles: none,
  /** Take an attachment out of the composer. */
  removeAttachment: (m: Fields) => (isId(m.attachmentId) ? { attachmentId: m.attachmentId } : undefined),
  /** Abort the streaming reply (what arrived stays, marked interrupted). */
  stop: none,
  /** Ask again for the last reply (replaces an interrupted or unwanted last reply). */
  retry: none,
  /** Ask the model to carry on from an interrupted reply; new text joins the same turn. */
  continue: none,
  /** Replace the text of the last user message, drop what followed it, and send again. */
  editLastUserMessage: (m: Fields) => (isMessageText(m.text) ? { text: m.text } : undefined),
  newConversation: none,
  switchConversation: (m: Fields) => (isId(m.conversationId) ? { conversationId: m.conversationId } : undefined),
  deleteConversation: (m: Fields) => (isId(m.conversationId) ? { conversationId: m.conversationId } : undefined),
  renameConversation: (m: Fields) =>
    isId(m.conversationId) && isString(m.title, parameterLimits.titleMaxChars) && m.title.trim() !== '' ? { conversationId: m.conversationId, title: m.title } : undefined,
  /** Change the active conversation's parameters; the host answers with `didChangeParameters`. */
  changeParameters: (m: Fields) => {
    const patch = parsePatch(m.patch);
    return patch ? { patch } : undefined;
  },
  /** Re-fetch the model list. */
  refreshModels: none,
  /** "Copy as code" for the active conversation: to the clipboard or into a new untitled editor. */
  copyAsCode: (m: Fields): { language: SnippetLanguage; target: 'clipboard' | 'editor' } | undefined =>
    isSnippetLanguage(m.language) && (m.target === 'clipboard' || m.target === 'editor') ? { language: m.language, target: m.target } : undefined,
  /** Copy text (a code block) to the clipboard through the host. */
  copyText: (m: Fields) => (isString(m.text, parameterLimits.messageMaxChars) ? { text: m.text } : undefined),
  /** Insert a code block at the cursor of the active editor. */
  insertAtCursor: (m: Fields): { code: string; language?: string } | undefined => {
    if (!isString(m.code, parameterLimits.messageMaxChars)) return undefined;
    if (m.language === undefined) return { code: m.code };
    return isString(m.language, idMaxChars) ? { code: m.code, language: m.language } : undefined;
  },
  /** Open a link; the host opens only `http:` and `https:` URLs. */
  openLink: (m: Fields) => (isString(m.href, 8192, false) ? { href: m.href } : undefined),
  /** Run an action button of an error or notice (the action as the host sent it). */
  runAction: (m: Fields) => {
    const action = parseChatAction(m.action);
    return action ? { action } : undefined;
  },
} satisfies Record<string, (message: Fields) => object | undefined>;

export type PageVerb = keyof typeof pageVerbs;

/** The message of one verb: its `type` and the fields its validator returns. */
export type PageMessage<K extends PageVerb> = { type: K } & NonNullable<ReturnType<(typeof pageVerbs)[K]>>;

/** Every message the page may send. */
export type FromWebviewMessage = { [K in PageVerb]: PageMessage<K> }[PageVerb];

/** One handler per verb, so the host cannot forget one. */
export type PageHandlers<Result> = { [K in PageVerb]: (message: PageMessage<K>) => Result };

/** Runs the handler of `message`'s verb. */
export function dispatchPageMessage<Result>(handlers: PageHandlers<Result>, message: FromWebviewMessage): Result {
  return (handlers[message.type] as (message: FromWebviewMessage) => Result)(message);
}

/**
 * Checks a parameter patch field by field; returns undefined when any present field has the wrong
 * type. Ranges are the host's job (it clamps), types are checked here.
 */
function parsePatch(value: unknown): ChatParametersPatch | undefined {
  if (!isRecord(value)) return undefined;
  const patch: ChatParametersPatch = {};
  const { model, systemPrompt, maxTokens, thinkingEnabled, thinkingBudgetTokens } = value;
  if (model !== undefined) {
    if (!isString(model, idMaxChars, false)) return undefined;
    patch.model = model;
  }
  if (systemPrompt !== undefined) {
    if (!isString(systemPrompt, parameterLimits.messageMaxChars)) return undefined;
    patch.systemPrompt = systemPrompt;
  }
  if (maxTokens !== undefined) {
    if (!isFiniteNumber(maxTokens)) return undefined;
    patch.maxTokens = maxTokens;
  }
  if (thinkingEnabled !== undefined) {
    if (typeof thinkingEnabled !== 'boolean') return undefined;
    patch.thinkingEnabled = thinkingEnabled;
  }
  if (thinkingBudgetTokens !== undefined) {
    if (!isFiniteNumber(thinkingBudgetTokens)) return undefined;
    patch.thinkingBudgetTokens = thinkingBudgetTokens;
  }
  return patch;
}

/** Setting ids look like `claudeApi.baseUrl`: letters, digits, dots, dashes, underscores. */
const settingIdPattern = /^[A-Za-z][\w.-]{0,199}$/;

/** Validates an action button (from the page, or read back from a stored conversation). */
export function parseChatAction(value: unknown): ChatAction | undefined {
  if (!isRecord(value) || !isString(value.label, 100, false)) return undefined;
  const label = value.label;
  switch (value.kind) {
    case 'setApiKey':
    case 'switchProfile':
    case 'showLog':
      return { kind: value.kind, label };
    case 'openSettings':
      return typeof value.setting === 'string' && settingIdPattern.test(value.setting) ? { kind: value.kind, label, setting: value.setting } : undefined;
    case 'openUrl':
      // The host opens it only if it is http(s) (`safeExternalUrl`), as for any link.
      return isString(value.url, 8192, false) ? { kind: value.kind, label, url: value.url } : undefined;
    default:
      return undefined;
  }
}

/**
 * Validates a message from the page. Returns a fresh object holding only the known fields, or
 * undefined for anything malformed (unknown type, missing or mistyped field, oversized text).
 */
export function parseFromWebview(value: unknown): FromWebviewMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string' || !Object.hasOwn(pageVerbs, value.type)) return undefined;
  const type = value.type as PageVerb;
  const fields = pageVerbs[type](value);
  return fields ? ({ type, ...fields } as FromWebviewMessage) : undefined;
}

/**
 * The URL to open for an `openLink` request, or undefined unless it is an absolute http(s) URL.
 * (`javascript:`, `command:`, `file:`, `vscode:` and relative links are refused.)
 */
export function safeExternalUrl(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}
