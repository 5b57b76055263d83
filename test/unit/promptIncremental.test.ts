import * as assert from 'node:assert';
import { extractPrompts } from '../../src/core/prompts/extract';
import { PromptScanner } from '../../src/core/prompts/incrementalScan';
import type { SyntaxDocument } from '../../src/core/prompts/syntaxParser';
import type { TextChange } from '../../src/core/prompts/types';
import type { PromptLanguage, PromptScan } from '../../src/core/prompts/types';
import { seededRandom } from '../fixtures/keyscan/generate';
import { editText, parsers, readPromptFixture } from './promptTestSupport';

/** A document that follows edits as the lens does: incremental reparse, then a scan that keeps what the edits did not touch. */
class EditedDocument {
  private scanner: PromptScanner;
  private constructor(
    readonly language: PromptLanguage,
    public text: string,
    private readonly syntax: SyntaxDocument,
  ) {
    this.scanner = new PromptScanner(language);
  }

  static async open(text: string, language: PromptLanguage): Promise<EditedDocument> {
    return new EditedDocument(language, text, await parsers.open(language, text));
  }

  /** Applies changes given bottom-up (each in the text before all of them), as one editor event. */
  apply(changes: { offset: number; remove: number; insert: string }[]): void {
    const described: TextChange[] = [];
    for (const { offset, remove, insert } of changes) {
      const next = editText(this.text, offset, remove, insert);
      described.push(next.change);
      this.text = next.text;
    }
    this.syntax.applyChanges(described);
    this.history.at(-1)!.push(described);
  }

  /** Every change event since the document opened, grouped by scan (to replay a failure). */
  private readonly history: TextChange[][][] = [[]];

  /** Replaces the `index`-th occurrence of `marker` (or `length` characters from it) with `insert`. */
  replace(marker: string, insert: string, { length = marker.length, index = 0 } = {}): void {
    let at = -1;
    for (let i = 0; i <= index; i++) at = this.text.indexOf(marker, at + 1);
    assert.ok(at >= 0, `${marker} not in the text`);
    this.apply([{ offset: at, remove: length, insert }]);
  }

  /**
   * The incremental scan, checked against a whole scan of the same tree. (Not of a fresh parse: on
   * broken code the parser's error recovery may build a different tree when it reuses the old one.)
   */
  scan(message = ''): PromptScan {
    const tree = this.syntax.tree(this.text);
    const incremental = this.scanner.scan(tree.rootNode, this.text, this.syntax.takeChanges());
    try {
      assert.deepStrictEqual(incremental, extractPrompts(tree, this.text, this.language));
    } catch (error) {
      // The diff alone does not say which edits led here: name them so the case can be replayed.
      throw new Error(`${message}\n${error instanceof Error ? error.message : String(error)}\n--- text ---\n${this.text}\n--- change events, grouped by scan ---\n${JSON.stringify(this.history)}`, { cause: error });
    }
    this.history.push([]);
    return incremental;
  }

  dispose(): void {
    this.syntax.dispose();
  }
}

const snippets: Record<'python' | 'js', string[]> = {
  python: [
    '\n',
    '    ',
    '"',
    '(',
    ')',
    '[',
    ']',
    ':',
    '#',
    'MODEL_NAME = "claude-opus-4-1"\n',
    'history.append({"role": "user", "content": "more"})\n',
    'system += "extra text"\n',
    'docs = ["a", "b"]\n',
    'def helper():\n    return "x"\n',
    'if True:\n    ',
    'params["max_tokens"] = 10\n',
    'client.messages.create(model=MODEL_NAME, max_tokens=5, messages=history)\n',
    '"""',
  ],
  js: [
    '\n',
    '  ',
    "'",
    '`',
    '{',
    '}',
    '(',
    ')',
    '//',
    '/*',
    "const MODEL = 'claude-opus-4-1';\n",
    "tools.push({ name: 'x', input_schema: { type: 'object' } });\n",
    "const SYSTEM_PROMPT = 'short';\n",
    'function helper() { return MODEL; }\n',
    'if (ok) {\n',
    "params.system = 'changed';\n",
    "client.messages.create({ model: MODEL, max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] });\n",
    "let FAST_MODEL = 'claude-haiku-4-5';\n",
  ],
};

/** One random edit: an insertion, a deletion, a word swapped for another word of the text, or a line copied or removed. */
function randomEdit(text: string, next: () => number, pool: string[]): { offset: number; remove: number; insert: string } {
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)];
  const offset = Math.floor(next() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset) + 1;
  const words = text.match(/[A-Za-z_]\w*/g) ?? ['x'];
  switch (pick(['insert', 'insertAtLine', 'delete', 'word', 'copyLine', 'deleteLine'])) {
    case 'insert':
      return { offset, remove: 0, insert: pick(pool) };
    case 'insertAtLine':
      return { offset: lineStart, remove: 0, insert: pick(pool) };
    case 'delete':
      return { offset, remove: Math.min(text.length - offset, 1 + Math.floor(next() * 30)), insert: '' };
    case 'word': {
      const match = /[A-Za-z_]\w*/.exec(text.slice(offset));
      return match ? { offset: offset + match.index, remove: match[0].length, insert: pick(words) } : { offset, remove: 0, insert: pick(words) };
    }
    case 'copyLine':
      return { offset: lineEnd, remove: 0, insert: text.slice(lineStart, lineEnd) + (text.endsWith('\n') || lineEnd < text.length ? '' : '\n') };
    default:
      return { offset: lineStart, remove: lineEnd - lineStart, insert: '' };
  }
}

/** Runs `steps` on a document opened with `text`, and closes it. */
async function editing(text: string, language: PromptLanguage, steps: (document: EditedDocument) => void): Promise<void> {
  const document = await EditedDocument.open(text, language);
  try {
    steps(document);
  } finally {
    document.dispose();
  }
}

describe('prompt scan: incremental after edits', () => {
  const fixtures: [string, PromptLanguage][] = [
    ['support-bot.ts', 'typescript'],
    ['agent-tools.ts', 'typescript'],
    ['assistant-panel.tsx', 'tsx'],
    ['batch-worker.js', 'javascript'],
    ['growing_context.py', 'python'],
    ['research_agent.py', 'python'],
    ['sdk_entry_points.py', 'python'],
  ];
  for (const [fixture, language] of fixtures) {
    it(`gives the same scan as a whole scan after random edits to ${fixture}`, async () => {
      const seed = [...fixture].reduce((hash, ch) => (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0, 7);
      const next = seededRandom(seed); // The same edits on every run: a failure can be replayed.
      const original = readPromptFixture(fixture);
      const document = await EditedDocument.open(original, language);
      try {
        document.scan('first scan');
        const pool = snippets[language === 'python' ? 'python' : 'js'];
        for (let step = 0; step < 120; step++) {
          // Every 15 steps start again from the fixture, so the text stays code-like rather than decaying into noise.
          if (step % 15 === 14) document.apply([{ offset: 0, remove: document.text.length, insert: original }]);
          // Sometimes several edits before one scan (typing faster than the lens asks), sometimes one event with several changes (multi-cursor).
          const events = 1 + Math.floor(next() * 3);
          for (let event = 0; event < events; event++) {
            const first = randomEdit(document.text, next, pool);
            const second = next() < 0.2 && first.offset > 0 ? randomEdit(document.text.slice(0, first.offset), next, pool) : undefined;
            const bottomUp = second && second.offset + second.remove <= first.offset ? [first, second] : [first];
            document.apply(bottomUp);
          }
          document.scan(`${fixture} step ${step} (seed ${seed})`);
        }
      } finally {
        document.dispose();
      }
    });
  }

  it('keeps the calls an edit does not touch and re-reads the one it does', async () => {
    await editing(readPromptFixture('support-bot.ts'), 'typescript', (document) => {
      const before = document.scan();
      document.replace('max_tokens: 512', 'max_tokens: 600');
      const after = document.scan();
      const edited = before.calls.findIndex((call) => call.requests[0]?.maxTokens === 512);
      assert.ok(edited > 0);
      assert.strictEqual(after.calls[edited].requests[0].maxTokens, 600);
      after.calls.forEach((call, index) => {
        if (index !== edited) assert.strictEqual(call.requests, before.calls[index].requests, `call ${index} was read again`);
      });
    });
  });

  it('re-reads a call when a constant declared above it changes', async () => {
    await editing(readPromptFixture('growing_context.py'), 'python', (document) => {
      document.scan();
      document.replace('"claude-haiku-4-5"', '"claude-opus-4-1"');
      const after = document.scan();
      assert.ok(after.calls.every((call) => call.requests[0].model === 'claude-opus-4-1'));
    });
  });

  it('marks a call partial when a later edit grows its list before it, and drops the mark when that line goes', async () => {
    await editing(readPromptFixture('growing_context.py'), 'python', (document) => {
      const before = document.scan();
      assert.deepStrictEqual(before.calls[0].requests[0].unresolved, []);
      document.replace('first = client', 'history.append({"role": "user", "content": "One more thing."})\nfirst = client', { length: 'first = client'.length });
      const grown = document.scan();
      assert.match(grown.calls[0].requests[0].unresolved.join(), /`history` is appended to at line 10/);
      document.replace('history.append({"role": "user", "content": "One more thing."})\n', '');
      const back = document.scan();
      assert.deepStrictEqual(back.calls[0].requests[0].unresolved, []);
    });
  });

  it('renumbers "appended to at line N" when lines are added above the change', async () => {
    await editing(readPromptFixture('growing_context.py'), 'python', (document) => {
      const before = document.scan();
      assert.match(before.calls[1].requests[0].unresolved[0], /at line 11$/);
      document.replace('import anthropic', '# two new\n# lines\nimport anthropic');
      const after = document.scan();
      assert.match(after.calls[1].requests[0].unresolved[0], /at line 13$/);
    });
  });

  it('finds a prompt constant that a change elsewhere makes long enough to price', async () => {
    const text = [
      "import Anthropic from '@anthropic-ai/sdk';",
      "const BASE = 'Short.';",
      "export const SYSTEM_PROMPT = BASE + ' Answer in English.';",
      'function unrelated() { return 1; }',
      '',
    ].join('\n');
    await editing(text, 'typescript', (document) => {
      assert.deepStrictEqual((document.scan()).literals, []);
      document.replace("'Short.'", `'${'You are a careful assistant. '.repeat(12)}'`);
      const after = document.scan();
      assert.deepStrictEqual(
        after.literals.map((literal) => literal.name),
        ['SYSTEM_PROMPT'],
      );
    });
  });
});
