import type { Node } from 'web-tree-sitter';
import type { Evaluator } from './evaluator';
import type { Found } from './found';
import { found as record } from './found';
import { describeMutation } from './mutations';
import { readRequest } from './requestReader';
import { field } from './staticValue';
import type { OffsetRange, PromptCall, PromptMethod, PromptRequest, StaticValue } from './types';

/** Segments that sit between `messages` and the method without changing the request (Python SDK). */
const passThroughSegments = new Set(['with_raw_response', 'with_streaming_response', 'withResponse']);

/**
 * Every method after `messages` that sends (or counts) a Messages request, in both SDKs' spellings:
 * `parse` (structured outputs) and the tool runners send the same request as `create`.
 */
const methodKinds: Record<string, PromptMethod> = {
  create: 'create',
  parse: 'create',
  stream: 'stream',
  toolRunner: 'toolRunner',
  tool_runner: 'toolRunner',
  countTokens: 'countTokens',
  count_tokens: 'countTokens',
  'batches.create': 'batch',
};

/** Classifies a callee chain (`client.beta.messages.countTokens`) as an SDK method, or undefined. */
export function classifyCallee(chain: string): { method: string; kind: PromptMethod } | undefined {
  const segments = chain
    .replace(/\s+/g, '')
    .replace(/\?\./g, '.')
    .replace(/!/g, '')
    .split('.')
    .filter((segment) => !passThroughSegments.has(segment));
  const at = segments.lastIndexOf('messages');
  if (at < 0) return undefined;
  // OpenAI's assistants API has `beta.threads.messages.create`: not ours.
  if (segments[at - 1] === 'threads') return undefined;
  const rest = segments.slice(at + 1).join('.');
  const kind = methodKinds[rest];
  if (!kind) return undefined;
  const beta = segments[at - 1] === 'beta';
  return { method: `${beta ? 'beta.' : ''}messages.${rest}`, kind };
}

/**
 * Finds the SDK calls in a tree. Instead of walking every node (~60 ms for 5,000 lines), it visits
 * only the places where the word `messages` occurs in the text and lets the parser decide whether
 * that occurrence is the `messages` link of a call's callee chain. Calls come in text order.
 */
export function findCalls(
  root: Node,
  text: string,
  evaluator: Evaluator,
  where: (offset: number) => string,
  region: OffsetRange = { start: 0, end: text.length },
): Found<PromptCall>[] {
  const calls: Found<PromptCall>[] = [];
  const seen = new Set<number>();
  for (let index = text.indexOf('messages', region.start); index >= 0 && index < region.end; index = text.indexOf('messages', index + 8)) {
    // Only `messages` followed by `.`, `?.` or `!` can be a callee link: `messages:`, `messages=` and
    // `messages,` (the far more common keys and arguments) are skipped before asking the tree.
    if (!continuesChain(text, index + 8)) continue;
    const word = root.descendantForIndex(index, index + 8);
    if (!word || word.startIndex !== index || word.endIndex !== index + 8) continue;
    const call = enclosingCall(word, evaluator);
    if (!call || seen.has(call.id)) continue;
    seen.add(call.id);
    const callee = evaluator.callee(call)!;
    const method = classifyCallee(callee.text);
    if (!method) continue;
    evaluator.takeFollowed();
    const params = evaluator.callParams(call);
    const followed = evaluator.takeFollowed();
    const changedLater = followed.mutations.map((mutation) => describeMutation(mutation, where));
    const found: PromptCall = {
      method: method.method,
      kind: method.kind,
      range: { start: call.startIndex, end: call.endIndex },
      calleeRange: { start: callee.startIndex, end: callee.endIndex },
      promptSpans: [],
      requests: [],
      batchUnresolved: false,
    };
    if (method.kind === 'batch') readBatch(params, found, changedLater);
    else found.requests.push(readRequest(params, changedLater));
    found.promptSpans = promptSpans(params, found.range);
    calls.push(record(found, root, found.range.start, followed));
  }
  // A call nested in another's arguments is met after it (at its own `messages`) but starts later.
  return calls.sort((a, b) => a.item!.range.start - b.item!.range.start);
}

function continuesChain(text: string, at: number): boolean {
  let next = at;
  while (next < text.length && (text[next] === ' ' || text[next] === '\t' || text[next] === '\n' || text[next] === '\r' || text[next] === '\\')) next++;
  const ch = text[next];
  return ch === '.' || ch === '?' || ch === '!';
}

/** The call whose callee chain contains `word` (climbing `a.b.c` links up to the call). */
function enclosingCall(word: Node, evaluator: Evaluator): Node | null {
  let link = word;
  // The identifier is the property of a member node, or the head of the chain.
  while (link.parent && evaluator.isMember(link.parent)) link = link.parent;
  const call = link.parent;
  if (!call || !evaluator.isCall(call)) return null;
  return evaluator.callee(call)?.equals(link) ? call : null;
}

function readBatch(params: StaticValue, call: PromptCall, changedLater: string[]): void {
  const requests = field(params, 'requests');
  if (requests?.kind !== 'array') {
    call.batchUnresolved = true;
    return;
  }
  call.batchUnresolved = requests.open;
  for (const item of requests.items) {
    const request: PromptRequest = readRequest(field(item, 'params') ?? { kind: 'unknown', source: item.kind === 'unknown' ? item.source : 'params' }, changedLater);
    call.requests.push(request);
  }
}

/** Spans of the string literals inside the call that make up the prompt (hover targets). */
function promptSpans(params: StaticValue, inside: { start: number; end: number }): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const visit = (value: StaticValue) => {
    if (value.kind === 'string') {
      for (const span of value.spans) if (span.start >= inside.start && span.end <= inside.end) spans.push(span);
    } else if (value.kind === 'array') {
      value.items.forEach(visit);
    } else if (value.kind === 'object') {
      for (const [key, entry] of value.entries) if (key !== 'model' && key !== 'role' && key !== 'type') visit(entry);
    }
  };
  visit(params);
  return spans;
}
