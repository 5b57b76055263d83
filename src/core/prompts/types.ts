/**
 * What the prompt scanner finds in a source file. Everything is in character offsets (UTF-16 code
 * units, the same as `TextDocument.offsetAt`), never editor Ranges: the adapter converts.
 */

/** Languages the scanner parses (one tree-sitter grammar each). */
export type PromptLanguage = 'typescript' | 'tsx' | 'javascript' | 'python';

/** A half-open span of the document `[start, end)`. */
export interface OffsetRange {
  start: number;
  end: number;
}

/**
 * A value read statically from the source: literals are known, anything computed at run time is
 * `unknown`. Strings may be partly known (template literals and f-strings with interpolations).
 */
export type StaticValue =
  | StaticString
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'array'; items: StaticValue[]; /** Some items come from an unresolved spread. */ open: boolean }
  | { kind: 'object'; entries: Map<string, StaticValue>; /** Some keys come from an unresolved spread. */ open: boolean }
  | { kind: 'unknown'; /** The source text, shortened, to say what could not be read. */ source: string };

export interface StaticString {
  kind: 'string';
  /** The known text (interpolations left out). */
  text: string;
  /** How many interpolated or computed pieces are not included in `text`. */
  unknownParts: number;
  /** Spans of the string literals that produced this text (for hovers). */
  spans: OffsetRange[];
  /**
   * The value is longer than `maxStaticChars` (`"x" * 10**7`): `text` holds only that much, which is
   * already more than every model's context window.
   */
  tooLong?: boolean;
}

/** A `cache_control` marker found on a block. */
export interface CacheBreakpoint {
  /** Where the block sits: tools, system or messages (the API's caching order). */
  section: 'tools' | 'system' | 'messages';
  ttl: '5m' | '1h';
  /** Characters of prompt text up to and including the marked block (its cacheable prefix). */
  prefixChars: number;
}

/** Which SDK method a call uses (`toolRunner`: the first of the requests a tool loop sends). */
export type PromptMethod = 'create' | 'stream' | 'toolRunner' | 'countTokens' | 'batch';

/** One Messages API request as far as it can be read from the source. */
export interface PromptRequest {
  /** The model id, when it is a literal or a constant in the same file. */
  model: string | undefined;
  /** Source text of the model expression when it could not be resolved. */
  modelSource: string | undefined;
  /** Text of the system prompt (string or text blocks). */
  systemText: string;
  /** Text of every message's content (strings and text blocks), in order. */
  messageTexts: string[];
  /** Roles of the messages, parallel to `messageTexts`. */
  messageRoles: string[];
  /** JSON of the tool definitions (the API counts it as input). */
  toolsJson: string;
  toolCount: number;
  /** `tool_choice.type` (`auto` when not given): the hidden tool-use system prompt depends on it. */
  toolChoice?: string;
  maxTokens: number | undefined;
  /** True when `max_tokens` is given but only known at run time (a variable), as opposed to missing. */
  maxTokensAtRunTime?: boolean;
  /** Beta flags the call sends (`betas: [...]`), e.g. `context-1m-2025-08-07` for a 1M context window. */
  betas?: string[];
  thinkingBudget: number | undefined;
  cacheBreakpoints: CacheBreakpoint[];
  /** Things that could not be read (interpolations, variables, images...), said plainly to the user. */
  unresolved: string[];
  /** Some text is longer than any context window (see `StaticString.tooLong`): only a prefix was read. */
  tooLong?: boolean;
  /** Non-text content blocks (images, documents) that add tokens we cannot estimate. */
  mediaBlocks: number;
  /**
   * The request as JSON for `messages.countTokens` (model, system, messages, tools, thinking), only
   * when every part of it is known; otherwise undefined.
   */
  countParams: Record<string, unknown> | undefined;
}

/** An SDK call found in the file. */
export interface PromptCall {
  /** e.g. `messages.create`, `beta.messages.stream`, `messages.batches.create`. */
  method: string;
  kind: PromptMethod;
  /** The whole call expression. */
  range: OffsetRange;
  /** The callee (`client.messages.create`): hovering it shows the details. */
  calleeRange: OffsetRange;
  /** Prompt string literals feeding the call (hovering them shows the details too). */
  promptSpans: OffsetRange[];
  /** One request, or one per `requests[]` item for a batch. */
  requests: PromptRequest[];
  /** For batches: requests whose params come from a computed array (not listed). */
  batchUnresolved: boolean;
}

/** A long prompt-like string constant (`SYSTEM_PROMPT = "..."`) that gets its own token count. */
export interface PromptLiteral {
  name: string;
  /** The declaration (lens anchor). */
  range: OffsetRange;
  /** The string value itself (hover span). */
  valueRange: OffsetRange;
  text: string;
  unknownParts: number;
  /** The model of a call in the same file that uses this constant, if any. */
  model: string | undefined;
}

export interface PromptScan {
  calls: PromptCall[];
  literals: PromptLiteral[];
}

/** A text change as editors report it: the replaced range (offsets and line/character) and the new text. */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  text: string;
}
