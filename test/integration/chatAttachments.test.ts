import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AttachmentView } from '../../src/shared/chatProtocol';
import { samplePdf, samplePng } from '../samples/attachmentSamples';
import { messageRequests, recordPageMessages, useChatAgainstFake } from './chatHelpers';
import { waitFor } from './extensionApi';

type Block = { type: string; text?: string; title?: string; source?: { type: string; media_type: string; data: string } };

/** Writes a file into the test workspace and returns its URI. */
function workspaceFile(relative: string, content: Buffer | string): vscode.Uri {
  const workspace = process.env.CLAUDE_API_TEST_WORKSPACE;
  assert.ok(workspace, 'CLAUDE_API_TEST_WORKSPACE is not set');
  const file = path.join(workspace, 'attach', relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return vscode.Uri.file(file);
}

/** The blocks of the last user message the fake API received. */
function lastUserBlocks(fake: Parameters<typeof messageRequests>[0]): Block[] {
  const messages = messageRequests(fake).at(-1)?.messages as { role: string; content: Block[] | string }[];
  const content = messages.at(-1)?.content;
  assert.ok(Array.isArray(content), JSON.stringify(content)?.slice(0, 200));
  return content;
}

describe('chat: attachments (selection, files, images, PDFs) against the fake API', () => {
  const ctx = useChatAgainstFake();

  afterEach(async () => {
    for (const pending of await ctx.chat.pendingAttachments()) await ctx.chat.removeAttachment(pending.id);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('"Add Selection" and "Add File" put chips in the composer; the message sends them as text, image and document blocks', async () => {
    const source = workspaceFile('src/app.ts', 'export const a = 1;\nexport const b = 2;\nexport const c = 3;\n');
    const editor = await vscode.window.showTextDocument(source);
    editor.selection = new vscode.Selection(1, 0, 3, 0); // lines 2-3, ending at the start of line 4
    const fromSelection = await vscode.commands.executeCommand<AttachmentView[]>('claudeApi.chat.addSelection');
    assert.deepStrictEqual(fromSelection.map((a) => [a.kind, a.name, a.detail]), [['text', 'attach/src/app.ts', 'lines 2-3']]);

    const png = samplePng(120, 80);
    const pdf = samplePdf(4);
    const picked = [workspaceFile('shot.png', png), workspaceFile('paper.pdf', pdf), workspaceFile('notes.md', '# Notes\n')];
    const fromExplorer = await vscode.commands.executeCommand<AttachmentView[]>('claudeApi.chat.addFile', picked[0], picked);
    assert.deepStrictEqual(
      fromExplorer.map((a) => [a.kind, a.name, a.detail]),
      [
        ['image', 'attach/shot.png', '120 × 80'],
        ['pdf', 'attach/paper.pdf', '4 pages'],
        ['text', 'attach/notes.md', 'file'],
      ],
    );
    const chips = await ctx.chat.pendingAttachments();
    assert.strictEqual(chips.length, 4);
    assert.ok(chips.every((chip) => chip.tokens > 0), JSON.stringify(chips));

    const result = await ctx.chat.sendMessage('Explain all of this.');
    assert.strictEqual(result.interrupted, false, JSON.stringify(result.error));
    const blocks = lastUserBlocks(ctx.fake);
    assert.deepStrictEqual(blocks.map((b) => b.type), ['image', 'document', 'text', 'text', 'text']);
    assert.deepStrictEqual(blocks[0].source, { type: 'base64', media_type: 'image/png', data: png.toString('base64') });
    assert.deepStrictEqual(blocks[1].source, { type: 'base64', media_type: 'application/pdf', data: pdf.toString('base64') });
    assert.strictEqual(blocks[1].title, 'attach/paper.pdf');
    assert.strictEqual(blocks[2].text, 'File attach/src/app.ts, lines 2-3:\n```typescript\nexport const b = 2;\nexport const c = 3;\n```');
    // Not open in an editor: its extension names the fence's language.
    assert.strictEqual(blocks[3].text, 'File attach/notes.md:\n```md\n# Notes\n```');
    assert.strictEqual(blocks[4].text, 'Explain all of this.');
    assert.deepStrictEqual(await ctx.chat.pendingAttachments(), [], 'sent attachments leave the composer');
    const user = (await ctx.chat.activeConversation()).turns[0];
    assert.ok(user.role === 'user');
    assert.match(user.attachments?.find((a) => a.kind === 'image')?.thumbnail ?? '', /^[0-9a-f]{64}\.png$/);
  });

  it('takes a pasted or dropped file and dropped URIs from the page, through the validated protocol', async () => {
    const png = samplePng(10, 10);
    assert.strictEqual(await ctx.chat.receiveFromPage({ type: 'attachData', name: 'image.png', mediaType: 'image/png', data: png.toString('base64') }), true);
    const dropped = workspaceFile('dropped.txt', 'dropped text');
    assert.strictEqual(await ctx.chat.receiveFromPage({ type: 'attachUris', uris: [dropped.toString()] }), true);
    assert.deepStrictEqual((await ctx.chat.pendingAttachments()).map((a) => a.name), ['image.png', 'attach/dropped.txt']);
    // Malformed: not base64, too many URIs, a missing field.
    assert.strictEqual(await ctx.chat.receiveFromPage({ type: 'attachData', name: 'x.png', mediaType: 'image/png', data: 'not base64!' }), false);
    assert.strictEqual(await ctx.chat.receiveFromPage({ type: 'attachUris', uris: Array.from({ length: 21 }, () => dropped.toString()) }), false);
    assert.strictEqual(await ctx.chat.receiveFromPage({ type: 'removeAttachment' }), false);
    await ctx.chat.sendMessage('What is in the picture?');
    assert.deepStrictEqual(lastUserBlocks(ctx.fake).map((b) => b.type), ['image', 'text', 'text']);
  });

  it('refuses a 50 MB file and an unsupported image type with a clear message, adding nothing', async () => {
    const big = workspaceFile('huge.pdf', '');
    fs.truncateSync(big.fsPath, 50 * 1024 * 1024); // sparse: 50 MB on paper, nothing written
    const keep = await ctx.chat.addAttachment({ source: 'selection', name: 'keep.ts', text: 'x', lines: { start: 1, end: 1 } });
    const { result, messages } = await recordPageMessages(ctx.chat, async () => {
      const added = await vscode.commands.executeCommand<AttachmentView[]>('claudeApi.chat.addFile', big, [big]);
      const bmp = Buffer.alloc(200);
      bmp.write('BM');
      await ctx.chat.receiveFromPage({ type: 'attachData', name: 'scan.bmp', mediaType: 'image/bmp', data: bmp.toString('base64') });
      return added;
    });
    assert.deepStrictEqual(result, []);
    const notices = messages.flatMap((m) => (m.type === 'didShowNotice' ? [m.message] : []));
    assert.ok(notices.some((n) => /"attach\/huge\.pdf" is 50\.0 MB: PDFs can be at most 23\.3 MB/.test(n)), notices.join(' | '));
    assert.ok(notices.some((n) => /"scan\.bmp" is a BMP image: the API takes PNG, JPEG, GIF and WebP/.test(n)), notices.join(' | '));
    assert.deepStrictEqual((await ctx.chat.pendingAttachments()).map((a) => a.id), [keep.id], 'the composer is as it was');
    assert.strictEqual(messageRequests(ctx.fake).length, 0, 'nothing was sent');
  });

  it('stores attachment bytes beside the conversations; a missing file is marked; clearing history deletes them', async () => {
    const attachments = path.join(ctx.chat.storageDir, 'attachments');
    await vscode.commands.executeCommand('claudeApi.chat.addFile', workspaceFile('keep.png', samplePng(16, 16)));
    await ctx.chat.sendMessage('Look');
    const id = (await ctx.chat.activeConversation()).id;
    const json = fs.readFileSync(path.join(ctx.chat.storageDir, 'conversations', `${id}.json`), 'utf8');
    const [blob] = /[0-9a-f]{64}\.png/.exec(json) ?? [];
    assert.ok(blob && fs.existsSync(path.join(attachments, blob)), 'the JSON names the stored file');

    fs.renameSync(path.join(attachments, blob), path.join(attachments, `${blob}.away`));
    assert.deepStrictEqual(await ctx.chat.reload(), [], 'a missing attachment is no damage');
    const user = (await ctx.chat.activeConversation()).turns[0];
    assert.ok(user.role === 'user');
    assert.strictEqual(user.attachments?.[0].missing, true);
    fs.renameSync(path.join(attachments, `${blob}.away`), path.join(attachments, blob));

    assert.ok((await vscode.commands.executeCommand<number>('claudeApi.chat.clearHistory', { confirm: true })) > 0);
    await waitFor(() => !fs.existsSync(path.join(attachments, blob)), 10_000, 'the attachment file to be deleted');
  });
});
