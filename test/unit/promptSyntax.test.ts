import * as assert from 'node:assert';
import { extractPrompts } from '../../src/core/prompts/extract';
import { maxTrackedEdits } from '../../src/core/prompts/syntaxParser';
import { editText, parsers, readPromptFixture } from './promptTestSupport';

describe('prompt syntax: incremental reparse', () => {
  it('gives the same scan after edits as a fresh parse of the new text', async () => {
    let text = readPromptFixture('support-bot.ts');
    const document = await parsers.open('typescript', text);
    try {
      // Change a model, add a line above everything, and delete a whole call: offsets after each edit move.
      const steps: [string, number, string][] = [
        ["'claude-haiku-4-5',\n    max_tokens: 256", "'claude-haiku-4-5'".length, "'claude-opus-4-7'"],
        ['const client', 0, "// a new first line with ünïcödé 😀\n"],
        ['// 8.', text.length - text.indexOf('// 8.'), ''],
      ];
      for (const [marker, length, insert] of steps) {
        const offset = text.indexOf(marker);
        assert.ok(offset >= 0, marker);
        const next = editText(text, offset, Math.min(length, text.length - offset), insert);
        document.applyChanges([next.change]);
        text = next.text;
        const incremental = extractPrompts(document.tree(text), text, 'typescript');
        const fresh = await parsers.open('typescript', text);
        try {
          assert.deepStrictEqual(incremental, extractPrompts(fresh.tree(text), text, 'typescript'));
        } finally {
          fresh.dispose();
        }
      }
      const final = extractPrompts(document.tree(text), text, 'typescript');
      assert.strictEqual(final.calls[0].requests[0].model, 'claude-opus-4-7');
      assert.strictEqual(final.calls.length, 7);
    } finally {
      document.dispose();
    }
  });

  it('reports the edits and changed ranges since the last scan, and gives up on them past a bound', async () => {
    let text = "import Anthropic from '@anthropic-ai/sdk';\nconst a = 1;\n";
    const document = await parsers.open('typescript', text);
    try {
      document.tree(text);
      assert.strictEqual(document.takeChanges(), undefined, 'a fresh parse: everything changed');
      const next = editText(text, text.indexOf('1'), 1, '2');
      document.applyChanges([next.change]);
      text = next.text;
      document.tree(text);
      assert.deepStrictEqual(document.takeChanges()?.edits, [next.change]);
      for (let i = 0; i <= maxTrackedEdits; i++) {
        const step = editText(text, text.length, 0, ' ');
        document.applyChanges([step.change]);
        text = step.text;
      }
      document.tree(text);
      assert.strictEqual(document.takeChanges(), undefined, 'a long run of edits is not kept: the next scan reads everything');
    } finally {
      document.dispose();
    }
  });
});
