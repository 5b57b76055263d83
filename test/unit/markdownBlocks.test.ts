import * as assert from 'node:assert';
import MarkdownIt from 'markdown-it';
import { MarkdownBlockSplitter } from '../../src/core/chat/markdownBlocks';

/** Feeds `text` in pieces of `size` characters and returns every block, in order. */
function split(text: string, size = text.length || 1): string[] {
  const splitter = new MarkdownBlockSplitter();
  const blocks: string[] = [];
  for (let i = 0; i < text.length; i += size) blocks.push(...splitter.append(text.slice(i, i + size)).completed);
  blocks.push(...splitter.finish());
  return blocks;
}

/** Splits with every chunk size in `sizes` and checks they all agree before returning the blocks. */
function splitAnyhow(text: string, sizes = [1, 2, 3, 7, 64]): string[] {
  const whole = split(text);
  for (const size of sizes) assert.deepStrictEqual(split(text, size), whole, `chunk size ${size}`);
  return whole;
}

const rich = [
  '# Plan',
  '',
  'Intro paragraph with `inline` code and a [link](https://example.com).',
  'It goes on a second line.',
  '',
  '1. Install:',
  '',
  '   ```bash',
  '   npm install @anthropic-ai/sdk',
  '',
  '   npm test',
  '   ```',
  '',
  '2. Configure the key.',
  '   - nested item',
  '   - another',
  '',
  '3. Run it.',
  '',
  '| Model | Input | Output |',
  '| --- | ---: | ---: |',
  '| opus | 5 | 25 |',
  '| haiku | 1 | 5 |',
  '',
  'Setext title',
  '============',
  '',
  '````markdown',
  'Here is a fence inside a fence:',
  '```js',
  'console.log(1);',
  '```',
  '````',
  'Text right after a fence.',
  '',
  '> quoted',
  '> more',
  '',
  '    indented code',
  '',
  '    still indented code',
  '',
  '---',
  '',
  '- a',
  '- b',
  '',
  'Done.',
].join('\n');

describe('markdownBlocks', () => {
  it('splits paragraphs at blank lines and drops the blank lines between blocks', () => {
    assert.deepStrictEqual(splitAnyhow('one\ntwo\n\n\nthree\n\nfour'), ['one\ntwo', 'three', 'four']);
    assert.deepStrictEqual(splitAnyhow('\n\nlead\n\n'), ['lead']);
  });

  it('keeps blank lines and markdown-looking lines inside a fenced code block', () => {
    const code = '```python\ndef f():\n\n    return 1\n\n# not a heading\n- not a list\n```';
    assert.deepStrictEqual(splitAnyhow(`Before\n\n${code}\n\nAfter`), ['Before', code, 'After']);
  });

  it('does not close a fence on shorter fences, info strings or the other fence character', () => {
    const code = '````md\n```js\nx\n```\n~~~\n```` trailing\n````';
    assert.deepStrictEqual(splitAnyhow(`${code}\nnext`), [code, 'next']);
    const tilde = '~~~\n```\n~~~~';
    assert.deepStrictEqual(splitAnyhow(`${tilde}\n\nnext`), [tilde, 'next']);
  });

  it('treats ``` followed by more backticks on the line as inline code, not a fence', () => {
    assert.deepStrictEqual(splitAnyhow('```x``` is inline\n\nnext'), ['```x``` is inline', 'next']);
  });

  it('lets a top-level fence interrupt a paragraph and ends the block where the fence closes', () => {
    assert.deepStrictEqual(splitAnyhow('Text:\n```js\ncode\n```\nAfter'), ['Text:', '```js\ncode\n```', 'After']);
  });

  it('keeps a fence indented under a list item, blank lines included, in the list block', () => {
    const list = '1. Install:\n\n   ```bash\n   npm i\n\n   npm test\n   ```\n\n2. Next';
    assert.deepStrictEqual(splitAnyhow(`${list}\n\nAfter`), [list, 'After']);
  });

  it('ends a list at a fence that is not indented under it', () => {
    assert.deepStrictEqual(splitAnyhow('- a\n```\ncode\n```'), ['- a', '```\ncode\n```']);
  });

  it('keeps loose lists and indented continuations together, ends them at an outdented paragraph', () => {
    assert.deepStrictEqual(splitAnyhow('- a\n\n- b\n\n  more b\n\nAfter'), ['- a\n\n- b\n\n  more b', 'After']);
    assert.deepStrictEqual(splitAnyhow('1. a\n\n2. b\n\n- c'), ['1. a\n\n2. b', '- c']);
  });

  it('does not mistake a thematic break for a list item', () => {
    assert.deepStrictEqual(splitAnyhow('- a\n\n- - -\n\nb'), ['- a', '- - -', 'b']);
  });

  it('keeps table rows together and separates the table from its neighbours', () => {
    const table = '| a | b |\n| - | - |\n| 1 | 2 |';
    assert.deepStrictEqual(splitAnyhow(`Intro\n\n${table}\n\nOutro`), ['Intro', table, 'Outro']);
  });

  it('keeps a setext heading underline with its text', () => {
    assert.deepStrictEqual(splitAnyhow('Title\n=====\n\nBody\n---\n\n---'), ['Title\n=====', 'Body\n---', '---']);
  });

  it('normalises CRLF and lone CR, even with the pair split across deltas', () => {
    const lf = 'a\n\n```\nx\n\ny\n```\nb';
    const crlf = lf.replace(/\n/g, '\r\n');
    assert.deepStrictEqual(splitAnyhow(crlf), split(lf));
    assert.deepStrictEqual(splitAnyhow(lf.replace(/\n/g, '\r')), split(lf));
    const splitter = new MarkdownBlockSplitter();
    splitter.append('para\r');
    assert.deepStrictEqual(splitter.append('\n\r').completed, []);
    assert.deepStrictEqual(splitter.append('\nnext\r').completed, ['para']);
    assert.deepStrictEqual(splitter.append('\n'), { completed: [], open: 'next\n' });
  });

  it('reports a fence opened but not closed yet as the open block, not as complete', () => {
    const splitter = new MarkdownBlockSplitter();
    assert.deepStrictEqual(splitter.append('Intro\n\n```ts\nconst a = 1;\n\n').completed, ['Intro']);
    const update = splitter.append('const b');
    assert.deepStrictEqual(update.completed, []);
    assert.strictEqual(update.open, '```ts\nconst a = 1;\n\nconst b');
    const closed = splitter.append(' = 2;\n```\n');
    assert.deepStrictEqual(closed.completed, ['```ts\nconst a = 1;\n\nconst b = 2;\n```']);
    assert.strictEqual(closed.open, '');
    assert.deepStrictEqual(splitter.finish(), []);
  });

  it('hands each completed block out exactly once and shows the partial line in the open block', () => {
    const splitter = new MarkdownBlockSplitter();
    assert.deepStrictEqual(splitter.append('first para'), { completed: [], open: 'first para' });
    assert.deepStrictEqual(splitter.append('\n\nsec'), { completed: [], open: 'first para\n\nsec' });
    assert.deepStrictEqual(splitter.append('ond\n'), { completed: ['first para'], open: 'second\n' });
    assert.deepStrictEqual(splitter.append(''), { completed: [], open: 'second\n' });
    assert.deepStrictEqual(splitter.finish(), ['second']);
  });

  it('renders block by block exactly as markdown-it renders the whole reply', () => {
    const md = new MarkdownIt({ linkify: false });
    const blocks = splitAnyhow(rich, [1, 5, 13]);
    assert.ok(blocks.length >= 12, `expected many blocks, got ${blocks.length}`);
    assert.strictEqual(blocks.map((block) => md.render(block)).join(''), md.render(rich));
  });

  it('does work proportional to the new text: the open block never holds completed blocks', () => {
    const splitter = new MarkdownBlockSplitter();
    let longestOpen = 0;
    const paragraph = 'Some words in a paragraph that goes on for a while.\n\n';
    for (let i = 0; i < 2000; i++) longestOpen = Math.max(longestOpen, splitter.append(paragraph).open.length);
    assert.ok(longestOpen < paragraph.length * 2, `open block grew to ${longestOpen} characters`);
  });
});
