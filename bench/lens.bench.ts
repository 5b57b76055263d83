// Prompt lens: time to compute the lenses of a generated 5,000-line TypeScript file with 50 SDK calls
// (cold, and after a one-line edit against scanning the whole file again), and of a 5,000-line file
// without SDK use, next to the time the editor itself takes to tokenize the same file with TextMate
// (vscode-textmate + vscode-oniguruma + the TypeScript grammar, from the code-server install the tests use). Also the TypeScript compiler
// API as the alternative parser, for the choice of web-tree-sitter.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { PriceBook } from '../src/core/prices/priceBook';
import { extractPrompts } from '../src/core/prompts/extract';
import type { FormatOptions } from '../src/core/prompts/format';
import { literalLensTitle } from '../src/core/prompts/format';
import { PromptScanner } from '../src/core/prompts/incrementalScan';
import { LensTitles } from '../src/core/prompts/lensTitles';
import { mentionsAnthropicSdk } from '../src/core/prompts/mentionsSdk';
import type { SyntaxDocument } from '../src/core/prompts/syntaxParser';
import { SyntaxParsers } from '../src/core/prompts/syntaxParser';
import type { PromptScan } from '../src/core/prompts/types';
import { currentToolchain } from '../test/harness/paths';
import { locateWasmInNodeModules } from '../test/unit/promptTestSupport';
import { medianMs, report } from './report';

const lines = 5000;
const calls = 50;

/** ~100 lines of ordinary application code (a type, a class with methods, some logic). */
function filler(index: number): string[] {
  const out = [
    `export interface Record${index} { id: string; name: string; tags: string[]; createdAt: Date; score?: number }`,
    `export class Service${index} {`,
    `  private readonly cache = new Map<string, Record${index}>();`,
  ];
  for (let m = 0; out.length < 80; m++) {
    out.push(
      `  method${m}(input: Record${index}[], limit = ${m + 10}): Record${index}[] {`,
      `    const seen = new Set<string>();`,
      `    const result = input.filter((item) => item.score !== undefined && item.score > ${m} && !seen.has(item.id));`,
      `    for (const item of result) { seen.add(item.id); this.cache.set(item.id, { ...item, name: \`\${item.name} #${m}\` }); }`,
      `    return result.slice(0, limit).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));`,
      `  }`,
    );
  }
  out.push('}');
  return out;
}

function sdkCall(index: number): string[] {
  return [
    `export async function ask${index}(question: string) {`,
    `  const params = {`,
    `    model: MODEL,`,
    `    max_tokens: ${256 + index},`,
    `    system: [{ type: 'text' as const, text: SYSTEM_PROMPT, cache_control: { type: 'ephemeral' as const } }],`,
    `    messages: [`,
    `      { role: 'user' as const, content: 'Earlier question number ${index} about the product roadmap.' },`,
    `      { role: 'assistant' as const, content: 'An earlier answer that explains the roadmap in some detail.' },`,
    `      { role: 'user' as const, content: \`Follow-up: \${question}\` },`,
    `    ],`,
    `  };`,
    `  return client.messages.create(params);`,
    `}`,
  ];
}

function generate(withSdk: boolean): string {
  const out = withSdk
    ? [
        "import Anthropic from '@anthropic-ai/sdk';",
        'const client = new Anthropic();',
        "const MODEL = 'claude-sonnet-4-6';",
        `const SYSTEM_PROMPT = '${'You are a helpful assistant for a product team. '.repeat(10)}';`,
      ]
    : ["import { EventEmitter } from 'node:events';", 'const emitter = new EventEmitter();', "const NAME = 'service';", 'void emitter; void NAME;'];
  for (let block = 0; block < calls; block++) {
    out.push(...filler(block));
    if (withSdk) out.push(...sdkCall(block));
  }
  while (out.length < lines) out.push(`export const padding${out.length} = ${out.length};`);
  return out.slice(0, lines).join('\n') + '\n';
}

/** A file whose body is one 80K-character word (what made the old prompt-name regex take 18 s). */
function wordRunFile(size: number): string {
  const head = "import Anthropic from '@anthropic-ai/sdk';\nconst blob = '";
  const tail = "';\n";
  return head + 'x'.repeat(size - head.length - tail.length) + tail;
}

// As the extension does (ctx.prices): one lookup per model, remembered while the price settings stay the same.
const prices = new PriceBook(() => undefined, () => undefined);
const formatOptions: FormatOptions = {
  priceOf: (modelId) => prices.price(modelId),
  compareModels: ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'],
  exactFor: () => undefined,
  exactCountsEnabled: false,
};

/** What the CodeLens provider does after the scan: one title per call (remembered for calls an edit left alone) and constant. */
function titles(scan: PromptScan, remembered = new LensTitles()): string[] {
  return [...scan.calls.map((call) => remembered.callTitle(call, formatOptions)), ...scan.literals.map((literal) => literalLensTitle(literal, formatOptions))];
}

async function loadTextMate(): Promise<((text: string) => void) | undefined> {
  const vscodeDir = path.join(currentToolchain.codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode');
  const grammarFile = path.join(vscodeDir, 'extensions', 'typescript-basics', 'syntaxes', 'TypeScript.tmLanguage.json');
  if (!fs.existsSync(grammarFile)) return undefined;
  const load = createRequire(path.join(vscodeDir, 'package.json'));
  /* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return */
  const oniguruma = load('vscode-oniguruma');
  const textmate = load('vscode-textmate');
  const wasm = fs.readFileSync(path.join(path.dirname(load.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: (scope: string) => Promise.resolve(scope === 'source.ts' ? textmate.parseRawGrammar(fs.readFileSync(grammarFile, 'utf8'), grammarFile) : null),
  });
  const grammar = await registry.loadGrammar('source.ts');
  return (text: string) => {
    // What the editor does for a whole file: every line, carrying the state from line to line.
    let state = textmate.INITIAL;
    for (const line of text.split('\n')) state = grammar.tokenizeLine2(line, state).ruleStack;
  };
  /* eslint-enable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return */
}

async function main(): Promise<void> {
  const withSdk = generate(true);
  const withoutSdk = generate(false);
  const parsers = new SyntaxParsers(locateWasmInNodeModules);

  // First use ever: loads web-tree-sitter and the TypeScript grammar, then parses and scans.
  let start = performance.now();
  const first = await parsers.open('typescript', withSdk);
  const firstScan = extractPrompts(first.tree(withSdk), withSdk, 'typescript');
  titles(firstScan);
  const firstUseMs = performance.now() - start;
  first.dispose();
  if (firstScan.calls.length !== calls) throw new Error(`expected ${calls} calls, found ${firstScan.calls.length}`);

  const tokenize = await loadTextMate();
  const tokenizeMs = tokenize ? medianMs(5, () => tokenize(withSdk)) : undefined;
  const baseline = tokenizeMs === undefined ? undefined : { value: tokenizeMs };
  if (tokenizeMs !== undefined) report('lens textmate-tokenize-5000-lines', tokenizeMs, 'ms');

  // Cold document: a fresh parse of the whole file, the scan, and the lens titles.
  const parser = await parsers.parserFor('typescript');
  const coldMs = medianMs(7, () => {
    const tree = parser.parse(withSdk)!;
    titles(extractPrompts(tree, withSdk, 'typescript'));
    tree.delete();
  });
  report('lens cold-5000-lines-50-calls', coldMs, 'ms', baseline);

  // After a one-line edit: incremental reparse, the scan (re-reading only what the edit touches) and the
  // titles (only the touched call's priced again), as the extension does. Baseline: the same edits with
  // the whole file scanned and every title worked out again (what an edit cost before the scan was incremental).
  const afterEdits = async (incremental: boolean): Promise<number> => {
    const document: SyntaxDocument = await parsers.open('typescript', withSdk);
    const scanner = new PromptScanner('typescript');
    const lensTitles = new LensTitles();
    titles(scanner.scan(document.tree(withSdk).rootNode, withSdk, document.takeChanges()), lensTitles);
    let text = withSdk;
    const line = text.indexOf('max_tokens: 256,');
    let toggle = false;
    const ms = medianMs(21, () => {
      toggle = !toggle;
      const insert = toggle ? '257' : '256';
      const offset = line + 'max_tokens: '.length;
      const row = text.slice(0, offset).split('\n').length - 1;
      const column = offset - (text.lastIndexOf('\n', offset - 1) + 1);
      text = text.slice(0, offset) + insert + text.slice(offset + 3);
      document.applyChanges([{ rangeOffset: offset, rangeLength: 3, startLine: row, startCharacter: column, endLine: row, endCharacter: column + 3, text: insert }]);
      const tree = document.tree(text);
      const scan = incremental ? scanner.scan(tree.rootNode, text, document.takeChanges()) : extractPrompts(tree, text, 'typescript');
      if (scan.calls.length !== calls) throw new Error(`expected ${calls} calls after the edit, found ${scan.calls.length}`);
      titles(scan, incremental ? lensTitles : undefined);
    });
    document.dispose();
    return ms;
  };
  const wholeMs = await afterEdits(false);
  report('lens after-one-line-edit', await afterEdits(true), 'ms', { value: wholeMs });

  // A file without SDK use: only the text gate runs.
  const gateMs = medianMs(21, () => {
    if (mentionsAnthropicSdk(withoutSdk)) throw new Error('the generated file mentions the SDK');
  });
  report('lens no-sdk-5000-lines', gateMs, 'ms', baseline);

  // Hostile input: a run of 80K word characters (a base64 blob, minified code) beside ordinary code of
  // the same size; the whole scan (parse, calls, prompt constants) must stay linear.
  const hostile = wordRunFile(withSdk.slice(0, 80_000).length);
  const benign = withSdk.slice(0, hostile.length);
  const scanMs = (text: string) =>
    medianMs(5, () => {
      const tree = parser.parse(text)!;
      extractPrompts(tree, text, 'typescript');
      tree.delete();
    });
  report('lens scan-80k-word-run', scanMs(hostile), 'ms', { value: scanMs(benign) });
  report('lens first-use-incl-wasm-load', firstUseMs, 'ms');

  // The alternative parser: the TypeScript compiler API (its first call includes loading 9 MB of JS).
  start = performance.now();
  const ts = await import('typescript');
  ts.createSourceFile('bench.ts', withSdk, ts.ScriptTarget.Latest, true);
  report('lens typescript-api-first-parse', performance.now() - start, 'ms', { value: firstUseMs });
  const tsWarm = medianMs(7, () => ts.createSourceFile('bench.ts', withSdk, ts.ScriptTarget.Latest, true));
  const treeSitterWarm = medianMs(7, () => parser.parse(withSdk)!.delete());
  report('lens typescript-api-warm-parse', tsWarm, 'ms', { value: treeSitterWarm });
  parsers.dispose();
}

void main();
