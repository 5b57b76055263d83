import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activateExtension, waitFor } from './extensionApi';
import { ourHover, ourLenses, workspaceFile } from './lensTestSupport';

/** The code cell whose text contains `needle`. */
function cellWith(notebook: vscode.NotebookDocument, needle: string): vscode.NotebookCell {
  const cell = notebook.getCells().find((candidate) => candidate.kind === vscode.NotebookCellKind.Code && candidate.document.getText().includes(needle));
  assert.ok(cell, `no cell with ${needle}`);
  return cell;
}

/** Scrolls to a cell and focuses its editor: the workbench answers lens and hover requests only for cells it has rendered. */
async function reveal(cell: vscode.NotebookCell): Promise<void> {
  const editor = vscode.window.visibleNotebookEditors.find((candidate) => candidate.notebook === cell.notebook);
  assert.ok(editor, 'no notebook editor');
  editor.revealRange(new vscode.NotebookRange(cell.index, cell.index + 1), vscode.NotebookEditorRevealType.AtTop);
  await vscode.window.showTextDocument(cell.document);
}

async function titles(cell: vscode.NotebookCell): Promise<string[]> {
  await reveal(cell);
  return (await ourLenses(cell.document.uri)).map((lens) => lens.command!.title);
}

describe('prompt lens in a Jupyter notebook (real extension host)', function () {
  this.timeout(60_000);
  let notebook: vscode.NotebookDocument;

  before(async () => {
    await activateExtension();
    // A real .ipynb opened by VS Code's own Jupyter serializer: each cell is its own document.
    notebook = await vscode.workspace.openNotebookDocument(workspaceFile('support-agent.ipynb', 'notebooks'));
    await vscode.window.showNotebookDocument(notebook);
  });

  it('prices a call in a cell with the model and system prompt defined in cells above it', async () => {
    const cell = cellWith(notebook, 'response = client.messages.create(');
    assert.strictEqual(cell.document.uri.scheme, 'vscode-notebook-cell');
    const found = await waitFor(async () => {
      const list = await titles(cell);
      return list.length > 0 ? list : undefined;
    }, 20_000, 'lens in the notebook cell');
    assert.ok(found);
    assert.strictEqual(found.length, 1, found.join('\n'));
    assert.match(found[0], /^≈[\d.]+k? tok · \$[\d.]+ · Sonnet 4\.5$/);
    const lens = (await ourLenses(cell.document.uri))[0];
    assert.strictEqual(lens.range.start.line, 0, 'the lens sits on the call inside the cell');
    assert.match((await titles(cellWith(notebook, 'SYSTEM_PROMPT = ')))[0] ?? '', /prompt text/);
  });

  it('says which cell grows the conversation a later cell sends, and ignores cells below', async () => {
    const followUp = cellWith(notebook, 'follow_up = client.messages.create(');
    await reveal(followUp);
    const hover = await ourHover(followUp.document.uri, new vscode.Position(0, 'follow_up = client.mes'.length));
    assert.ok(hover, 'no hover on the call');
    assert.match(hover, /`messages` is appended to at line 2 of code cell 5/);
    assert.match((await titles(followUp))[0], /^≈[\d.]+k?\+ tok · \$[\d.]+\+ · Sonnet 4\.5$/);

    const ask = cellWith(notebook, 'def ask(question):');
    await reveal(ask);
    const askHover = await ourHover(ask.document.uri, new vscode.Position(1, 'return client.mes'.length + 4));
    assert.match(askHover ?? '', /`TONE`/, 'TONE is only defined in a cell below');
  });

  it('updates a later cell when a cell above it changes', async () => {
    const setup = cellWith(notebook, 'MODEL_NAME = "claude-sonnet-4-5"');
    const call = cellWith(notebook, 'response = client.messages.create(');
    const text = setup.document.getText();
    const at = setup.document.positionAt(text.indexOf('claude-sonnet-4-5'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(setup.document.uri, new vscode.Range(at, at.translate(0, 'claude-sonnet-4-5'.length)), 'claude-haiku-4-5');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const updated = await waitFor(async () => {
      const [title] = await titles(call);
      return title?.includes('Haiku 4.5') ? title : undefined;
    }, 10_000, 'lens after editing the cell above');
    assert.match(updated ?? '', /· Haiku 4\.5$/);
  });
});
