import { field, isFullyKnown, toJson } from './staticValue';
import type { CacheBreakpoint, PromptRequest, StaticString, StaticValue } from './types';

/** The params keys `messages.countTokens` accepts (anything else in a create call is not counted). */
const countedKeys = ['model', 'system', 'messages', 'tools', 'tool_choice', 'thinking'] as const;

/**
 * Turns the statically read params of one Messages API request into what the lens needs: the text
 * that will be counted as input, in the API's caching order (tools, system, messages), plus the
 * settings that bound the cost (`max_tokens`, thinking budget) and everything that could not be read.
 */
export function readRequest(params: StaticValue, changedLater: string[] = []): PromptRequest {
  // Values changed after they were declared (`messages.append(...)`): the source shows only their start.
  const unresolved: string[] = [...changedLater];
  const breakpoints: CacheBreakpoint[] = [];
  let mediaBlocks = 0;
  let prefixChars = 0;
  let tooLong = false;
  const noteLength = (value: StaticValue | undefined) => {
    if (value?.kind === 'string' && value.tooLong) tooLong = true;
    else if (value?.kind === 'array') value.items.forEach(noteLength);
    else if (value?.kind === 'object') for (const entry of value.entries.values()) noteLength(entry);
  };

  const noteUnknown = (what: string, value: StaticValue | undefined) => {
    if (value?.kind === 'unknown') unresolved.push(`${what} (\`${value.source}\`)`);
  };
  const noteCache = (section: CacheBreakpoint['section'], block: StaticValue) => {
    const cacheControl = field(block, 'cache_control');
    if (!cacheControl || cacheControl.kind === 'null') return;
    const ttl = field(cacheControl, 'ttl');
    breakpoints.push({ section, ttl: ttl?.kind === 'string' && ttl.text === '1h' ? '1h' : '5m', prefixChars });
  };

  if (params.kind !== 'object') {
    unresolved.push(`the request (\`${params.kind === 'unknown' ? params.source : params.kind}\`)`);
  } else if (params.open) {
    unresolved.push('part of the request (spread of a value not known here)');
  }

  // Model.
  const modelValue = field(params, 'model');
  let model: string | undefined;
  let modelSource: string | undefined;
  if (modelValue?.kind === 'string' && modelValue.unknownParts === 0) model = modelValue.text;
  else modelSource = modelValue?.kind === 'unknown' ? modelValue.source : modelValue ? 'computed' : 'missing';

  // Tools: their JSON counts as input.
  const tools = field(params, 'tools');
  let toolsJson = '';
  let toolCount = 0;
  if (tools?.kind === 'array') {
    if (tools.open) unresolved.push('some tools (spread of a value not known here)');
    for (const tool of tools.items) {
      toolCount++;
      if (!isFullyKnown(tool)) noteUnknown('a tool definition', tool.kind === 'unknown' ? tool : { kind: 'unknown', source: 'part of a tool' });
      const json = JSON.stringify(toJson(tool)) ?? '';
      toolsJson += json;
      prefixChars += json.length;
      noteCache('tools', tool);
    }
  } else {
    noteUnknown('tools', tools);
  }

  // System prompt: a string or text blocks.
  const system = field(params, 'system');
  let systemText = '';
  let interpolations = 0;
  if (system?.kind === 'string') {
    systemText = system.text;
    interpolations += system.unknownParts;
    prefixChars += system.text.length;
  } else if (system?.kind === 'array') {
    if (system.open) unresolved.push('some system blocks (spread of a value not known here)');
    for (const block of system.items) {
      const text = blockText(block);
      systemText += text.text;
      interpolations += text.unknownParts;
      prefixChars += text.text.length;
      noteUnknown('a system block', block);
      noteCache('system', block);
    }
  } else {
    noteUnknown('system', system);
  }

  // Messages: strings or blocks per message.
  const messages = field(params, 'messages');
  const messageTexts: string[] = [];
  const messageRoles: string[] = [];
  if (messages?.kind === 'array') {
    if (messages.open) unresolved.push('some messages (spread of a value not known here)');
    for (const message of messages.items) {
      if (message.kind !== 'object') {
        noteUnknown('a message', message);
        continue;
      }
      const role = field(message, 'role');
      messageRoles.push(role?.kind === 'string' ? role.text : '?');
      const content = field(message, 'content');
      let text = '';
      if (content?.kind === 'string') {
        text = content.text;
        interpolations += content.unknownParts;
        prefixChars += text.length;
      } else if (content?.kind === 'array') {
        if (content.open) unresolved.push('some content blocks (spread of a value not known here)');
        for (const block of content.items) {
          const piece = blockText(block);
          if (piece.media) mediaBlocks++;
          text += piece.text;
          interpolations += piece.unknownParts;
          prefixChars += piece.text.length;
          noteUnknown('a content block', block);
          noteCache('messages', block);
        }
      } else {
        noteUnknown('message content', content);
      }
      messageTexts.push(text);
    }
  } else if (messages) {
    noteUnknown('messages', messages);
  } else if (params.kind === 'object' && !params.open) {
    unresolved.push('messages (none given)');
  }
  if (interpolations > 0) unresolved.push(`${interpolations} interpolated value${interpolations === 1 ? '' : 's'} in the prompt text`);

  // Structured outputs: the schema of `output_format` (a Pydantic model, a Zod schema) is sent too.
  const outputFormat = field(params, 'output_format') ?? field(field(params, 'output_config'), 'format');
  if (outputFormat && !isFullyKnown(outputFormat)) unresolved.push(`the output format schema (\`${outputFormat.kind === 'unknown' ? outputFormat.source : 'computed'}\`)`);
  for (const key of ['system', 'messages', 'tools'] as const) noteLength(field(params, key));
  if (tooLong) unresolved.push('text past the largest context window (not built)');
  const maxTokensValue = field(params, 'max_tokens');
  const maxTokens = maxTokensValue?.kind === 'number' ? maxTokensValue.value : undefined;
  const maxTokensAtRunTime = maxTokensValue !== undefined && maxTokensValue.kind !== 'number' && maxTokensValue.kind !== 'null';
  const betasValue = field(params, 'betas');
  const betas = betasValue?.kind === 'array' ? betasValue.items.flatMap((item) => (item.kind === 'string' && item.unknownParts === 0 ? [item.text] : [])) : [];
  const budget = field(field(params, 'thinking'), 'budget_tokens');
  const thinkingBudget = budget?.kind === 'number' ? budget.value : undefined;

  // A counted setting known only at run time (a variable `tool_choice`, thinking budget) would be sent as
  // `null`, which the API rejects: such a request gets no exact count.
  const settingsKnown = params.kind === 'object' && countedKeys.every((key) => {
    const value = params.entries.get(key);
    return value === undefined || isFullyKnown(value);
  });
  const countable = params.kind === 'object' && !params.open && settingsKnown && model !== undefined && messages !== undefined && mediaBlocks === 0 && unresolved.length === 0;
  let countParams: Record<string, unknown> | undefined;
  if (countable && params.kind === 'object') {
    countParams = {};
    for (const key of countedKeys) {
      const value = params.entries.get(key);
      if (value && value.kind !== 'null') countParams[key] = toJson(value);
    }
  }

  return {
    model,
    modelSource,
    systemText,
    messageTexts,
    messageRoles,
    toolsJson,
    toolCount,
    toolChoice: toolChoiceOf(field(field(params, 'tool_choice'), 'type')),
    maxTokens,
    ...(maxTokensAtRunTime ? { maxTokensAtRunTime } : {}),
    ...(betas.length > 0 ? { betas } : {}),
    thinkingBudget,
    cacheBreakpoints: breakpoints,
    unresolved,
    tooLong,
    mediaBlocks,
    countParams,
  };
}

function toolChoiceOf(type: StaticValue | undefined): string {
  return type?.kind === 'string' ? type.text : 'auto';
}

/** The text a content block contributes to the prompt (text, tool results, tool inputs, thinking). */
function blockText(block: StaticValue): { text: string; unknownParts: number; media: boolean } {
  if (block.kind === 'string') return { text: block.text, unknownParts: block.unknownParts, media: false };
  if (block.kind !== 'object') return { text: '', unknownParts: 0, media: false };
  const type = field(block, 'type');
  const typeName = type?.kind === 'string' ? type.text : '';
  const text = field(block, 'text') ?? field(block, 'thinking');
  if (text?.kind === 'string') return { text: text.text, unknownParts: text.unknownParts, media: false };
  if (text?.kind === 'unknown') return { text: '', unknownParts: 1, media: false };
  if (typeName === 'tool_use') return { text: JSON.stringify(toJson(field(block, 'input') ?? { kind: 'null' })) ?? '', unknownParts: 0, media: false };
  if (typeName === 'tool_result') {
    const content = field(block, 'content');
    if (content?.kind === 'string') return { text: content.text, unknownParts: content.unknownParts, media: false };
    if (content?.kind === 'array') {
      const parts = content.items.map(blockText);
      return { text: parts.map((part) => part.text).join(''), unknownParts: parts.reduce((sum, part) => sum + part.unknownParts, 0), media: parts.some((part) => part.media) };
    }
    return { text: '', unknownParts: 0, media: false };
  }
  if (typeName === 'document') {
    // Plain-text documents carry their text inline; PDFs and images do not.
    const data = field(field(block, 'source'), 'data');
    const mediaType = field(field(block, 'source'), 'media_type');
    // The API bills the title and context around a document as well as its data.
    const extras = [field(block, 'title'), field(block, 'context')].filter((value): value is StaticString => value?.kind === 'string');
    const extraText = extras.map((value) => value.text).join('');
    const extraUnknown = extras.reduce((total, value) => total + value.unknownParts, 0);
    if (data?.kind === 'string' && mediaType?.kind === 'string' && mediaType.text.startsWith('text/')) {
      return { text: extraText + data.text, unknownParts: data.unknownParts + extraUnknown, media: false };
    }
    const content = field(field(block, 'source'), 'content');
    if (field(field(block, 'source'), 'type')?.kind === 'string' && content) {
      // A `content` source: text blocks (or a string) that make up the document.
      const inner = content.kind === 'array' ? content.items.map(blockText) : [blockText(content)];
      return {
        text: extraText + inner.map((part) => part.text).join(''),
        unknownParts: extraUnknown + inner.reduce((total, part) => total + part.unknownParts, 0),
        media: inner.some((part) => part.media),
      };
    }
    if (typeName === 'document' && extraText) return { text: extraText, unknownParts: extraUnknown, media: true };
  }
  if (typeName === 'search_result') {
    // Title, source and the text blocks of its content are all billed as input.
    // A field known only at run time is a part not counted (the lens shows `+`), never silently nothing.
    const partOf = (value: StaticValue) => (value.kind === 'unknown' ? { text: '', unknownParts: 1, media: false } : blockText(value));
    const content = field(block, 'content');
    const parts = [field(block, 'title'), field(block, 'source'), ...(content?.kind === 'array' ? content.items : [content])]
      .filter((value): value is StaticValue => value !== undefined)
      .map(partOf);
    return { text: parts.map((part) => part.text).join(''), unknownParts: parts.reduce((total, part) => total + part.unknownParts, 0), media: parts.some((part) => part.media) };
  }
  if (typeName === 'image' || typeName === 'document' || typeName === 'container_upload') {
    return { text: '', unknownParts: 0, media: true };
  }
  return { text: '', unknownParts: 0, media: false };
}
