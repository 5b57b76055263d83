import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractPrompts, shiftScan } from '../../src/core/prompts/extract';
import { cellRegion, joinCells } from '../../src/core/prompts/notebookCells';
import type { PromptScan } from '../../src/core/prompts/types';
import { parsers } from './promptTestSupport';

interface NotebookJson {
  cells: { cell_type: string; source: string[] | string }[];
}

/** The code cells of the fixture notebook, in displayed order (what VS Code hands the lens one by one). */
function codeCells(): string[] {
  const file = path.resolve(__dirname, '..', 'fixtures', 'notebooks', 'support-agent.ipynb');
  const notebook = JSON.parse(fs.readFileSync(file, 'utf8')) as NotebookJson;
  return notebook.cells.filter((cell) => cell.cell_type === 'code').map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source));
}

describe('prompt extraction: notebook cells', () => {
  const cells = codeCells();
  const joined = joinCells(cells);
  const scans: PromptScan[] = [];
  before(async () => {
    const document = await parsers.open('python', joined.text);
    try {
      const tree = document.tree(joined.text);
      cells.forEach((cell, index) => scans.push(shiftScan(extractPrompts(tree, joined.text, 'python', cellRegion(joined, index, cell.length)), -joined.starts[index])));
    } finally {
      document.dispose();
    }
  });

  it('blanks magics without moving any offset', () => {
    assert.strictEqual(joined.text.length, cells.join('\n').length);
    assert.ok(!joined.text.includes('%pip'));
  });

  it('puts each call and constant in its own cell, with cell-relative offsets', () => {
    assert.deepStrictEqual(
      scans.map((scan) => scan.calls.length),
      [0, 0, 0, 1, 0, 1, 1, 0],
    );
    assert.deepStrictEqual(scans[2].literals.map((literal) => literal.name), ['SYSTEM_PROMPT']);
    const call = scans[3].calls[0];
    assert.strictEqual(cells[3].slice(call.calleeRange.start, call.calleeRange.end), 'client.messages.create');
  });

  it('resolves the model and system prompt from cells above the call', () => {
    const [request] = scans[3].calls[0].requests;
    assert.strictEqual(request.model, 'claude-sonnet-4-5');
    assert.ok(request.systemText.startsWith('You are a friendly support agent for Acme Cloud.'));
    assert.deepStrictEqual(request.unresolved, []);
    assert.strictEqual(scans[2].literals[0].model, undefined, 'the constant cell has no call of its own');
  });

  it('says which cell grows a list used by a later cell', () => {
    const [request] = scans[5].calls[0].requests;
    assert.deepStrictEqual(request.unresolved, ['`messages` is appended to at line 2 of code cell 5', '`messages` is appended to at line 3 of code cell 5']);
  });

  it('does not read names defined only in cells below', () => {
    const [request] = scans[6].calls[0].requests;
    assert.ok(request.unresolved.some((line) => line.includes('TONE')), request.unresolved.join('\n'));
  });
});
