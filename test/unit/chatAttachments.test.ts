import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChatRequestRefused, ChatSession } from '../../src/core/chat/chatSession';
import type { ToWebviewMessage } from '../../src/shared/chatProtocol';
import { samplePdf, samplePng } from '../samples/attachmentSamples';
import { useChatFixture } from './chatTestSupport';
import { rejection } from './rejection';

type Block = { type: string; text?: string; title?: string; source?: { type: string; media_type: string; data: string } };

// Attachments through the chat engine: a real session on a real store, the real SDK against the fake API.
describe('ChatSession attachments', () => {
  const fixture = useChatFixture();

  function session(): { chat: ChatSession; posted: ToWebviewMessage[] } {
    const chat = new ChatSession(fixture.deps());
    const posted: ToWebviewMessage[] = [];
    chat.onMessage((message) => posted.push(message));
    return { chat, posted };
  }

  function requestBlocks(n = -1): Block[] {
    const requests = fixture.server.requests.filter((request) => request.path === '/v1/messages');
    const body = requests.at(n)?.body as { messages: { role: string; content: Block[] | string }[] };
    const content = body.messages.at(-1)?.content;
    assert.ok(Array.isArray(content), 'the last message has blocks');
    return content;
  }

  const attachmentsDir = () => path.join(fixture.dir, 'attachments');
  const storedFiles = () => (fs.existsSync(attachmentsDir()) ? fs.readdirSync(attachmentsDir()).sort() : []);

  it('sends a selection, a file, an image and a PDF as the right content blocks, media first', async () => {
    const { chat, posted } = session();
    const png = samplePng(64, 48);
    const pdf = samplePdf(2);
    await chat.addAttachment({ source: 'selection', name: 'src/app.ts', text: 'const a = 1;\nconst b = 2;', languageId: 'typescript', lines: { start: 3, end: 4 } });
    await chat.addAttachment({ source: 'file', name: 'README.md', bytes: Buffer.from('# Title\n'), languageId: 'markdown' });
    await chat.addAttachment({ source: 'file', name: 'shot.png', bytes: png });
    await chat.addAttachment({ source: 'file', name: 'paper.pdf', bytes: pdf });
    const chips = await chat.pendingAttachments();
    assert.deepStrictEqual(
      chips.map((chip) => [chip.kind, chip.name, chip.detail]),
      [
        ['text', 'src/app.ts', 'lines 3-4'],
        ['text', 'README.md', 'file'],
        ['image', 'shot.png', '64 × 48'],
        ['pdf', 'paper.pdf', '2 pages'],
      ],
    );
    assert.ok(chips.every((chip) => chip.tokens > 0));
    assert.strictEqual(chips[2].tokens, Math.ceil((64 * 48) / 750));

    const result = await chat.sendMessage('What do these show?');
    assert.strictEqual(result.interrupted, false, JSON.stringify(result.error));
    const blocks = requestBlocks();
    assert.deepStrictEqual(
      blocks.map((block) => block.type),
      ['image', 'document', 'text', 'text', 'text'],
    );
    assert.deepStrictEqual(blocks[0].source, { type: 'base64', media_type: 'image/png', data: png.toString('base64') });
    assert.deepStrictEqual(blocks[1].source, { type: 'base64', media_type: 'application/pdf', data: pdf.toString('base64') });
    assert.strictEqual(blocks[1].title, 'paper.pdf');
    assert.strictEqual(blocks[2].text, 'File src/app.ts, lines 3-4:\n```typescript\nconst a = 1;\nconst b = 2;\n```');
    assert.strictEqual(blocks[3].text, 'File README.md:\n```markdown\n# Title\n```');
    assert.strictEqual(blocks[4].text, 'What do these show?');

    // The composer is empty again, the turn shows its attachments.
    assert.deepStrictEqual(await chat.pendingAttachments(), []);
    const changes = posted.filter((m) => m.type === 'didChangeAttachments');
    assert.deepStrictEqual(changes.at(-1), { type: 'didChangeAttachments', attachments: [] });
    const appended = posted.find((m) => m.type === 'didAppendUserTurn');
    assert.ok(appended?.type === 'didAppendUserTurn');
    assert.deepStrictEqual(appended.turn.attachments?.map((a) => a.name), ['src/app.ts', 'README.md', 'shot.png', 'paper.pdf']);
    assert.match(appended.turn.attachments?.[2].thumbnail ?? '', /^[0-9a-f]{64}\.png$/);

    // The next request sends the history again, attachments included.
    await chat.sendMessage('And now?');
    const requests = fixture.server.requests.filter((request) => request.path === '/v1/messages');
    const history = (requests[1].body as { messages: { content: Block[] | string }[] }).messages[0].content;
    assert.ok(Array.isArray(history) && history[0].type === 'image');
  });

  it('keeps the bytes beside the conversation, content-addressed, and the JSON small', async () => {
    const { chat } = session();
    const pdf = samplePdf(3, 2 * 1024 * 1024);
    await chat.addAttachment({ source: 'file', name: 'big.pdf', bytes: pdf });
    await chat.addAttachment({ source: 'file', name: 'same-again.pdf', bytes: pdf });
    await chat.sendMessage('Summarize');
    const id = (await chat.activeConversation()).id;
    const json = fs.readFileSync(path.join(fixture.dir, 'conversations', `${id}.json`), 'utf8');
    assert.ok(json.length < 4000, `${json.length} characters of JSON for 4 MB of attachments`);
    assert.ok(!json.includes(pdf.subarray(0, 300).toString('base64')));
    assert.strictEqual(storedFiles().length, 1, 'the same content is stored once');
    assert.strictEqual(fs.statSync(path.join(attachmentsDir(), storedFiles()[0])).size, pdf.length);
  });

  it('deletes attachment files with the last conversation that refers to them, and removed chips', async () => {
    const { chat } = session();
    await chat.addAttachment({ source: 'file', name: 'a.png', bytes: samplePng(8, 8) });
    await chat.sendMessage('one');
    const first = (await chat.activeConversation()).id;
    await chat.newConversation();
    await chat.addAttachment({ source: 'file', name: 'a-again.png', bytes: samplePng(8, 8) });
    await chat.addAttachment({ source: 'file', name: 'b.png', bytes: samplePng(9, 9) });
    await chat.sendMessage('two');
    const second = (await chat.activeConversation()).id;
    const removed = await chat.addAttachment({ source: 'file', name: 'c.png', bytes: samplePng(10, 10) });
    assert.strictEqual(storedFiles().length, 3);

    await chat.removeAttachment(removed.id);
    assert.strictEqual(storedFiles().length, 2, 'a removed chip leaves nothing behind');
    await chat.deleteConversation(first);
    await chat.removeUnusedAttachments();
    assert.strictEqual(storedFiles().length, 2, 'a.png is still used by the second conversation');
    await chat.deleteConversation(second);
    await chat.removeUnusedAttachments();
    assert.deepStrictEqual(storedFiles(), []);
  });

  it('sweeps files a closed window left unsent, sparing recent ones another window may hold', async () => {
    const { chat } = session();
    await chat.addAttachment({ source: 'file', name: 'old.png', bytes: samplePng(4, 4) });
    await chat.addAttachment({ source: 'file', name: 'new.png', bytes: samplePng(5, 5) });
    const [oldFile, newFile] = storedFiles().map((name) => path.join(attachmentsDir(), name));
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    fs.utimesSync(oldFile, twoDaysAgo, twoDaysAgo);
    // The window closes without sending; a new one sweeps at start-up.
    const { chat: next } = session();
    await next.removeUnusedAttachments(Date.now() - 24 * 60 * 60 * 1000);
    assert.ok(!fs.existsSync(oldFile), 'the day-old leftover is gone');
    assert.ok(fs.existsSync(newFile), 'a recent one stays');
  });

  it('loads a conversation whose attachment file is gone, marks it, and still sends', async () => {
    const { chat } = session();
    await chat.addAttachment({ source: 'file', name: 'gone.png', bytes: samplePng(8, 8) });
    await chat.sendMessage('first');
    for (const file of storedFiles()) fs.rmSync(path.join(attachmentsDir(), file));

    const { chat: reloaded } = session();
    const view = await reloaded.activeConversation();
    const user = view.turns[0];
    assert.ok(user.role === 'user');
    assert.deepStrictEqual(user.attachments?.map((a) => [a.name, a.missing, a.thumbnail]), [['gone.png', true, undefined]]);
    const result = await reloaded.sendMessage('second');
    assert.strictEqual(result.interrupted, false);
    const history = (fixture.server.requests.filter((r) => r.path === '/v1/messages').at(-1)?.body as { messages: { content: Block[] }[] }).messages[0].content;
    assert.deepStrictEqual(history[0], { type: 'text', text: '[Attachment "gone.png" is missing: its stored copy was deleted.]' });
  });

  it('refuses what the API would refuse, with the reason, and keeps the composer as it was', async () => {
    const { chat } = session();
    await chat.addAttachment({ source: 'file', name: 'ok.png', bytes: samplePng(8, 8) });
    const bmp = Buffer.alloc(100);
    bmp.write('BM');
    const refused = await rejection(chat.addAttachment({ source: 'file', name: 'scan.bmp', bytes: bmp }));
    assert.ok(refused instanceof ChatRequestRefused);
    assert.match(refused.message, /BMP image: the API takes PNG, JPEG, GIF and WebP/);
    assert.deepStrictEqual((await chat.pendingAttachments()).map((a) => a.name), ['ok.png']);
    assert.deepStrictEqual(fixture.server.requests, [], 'nothing was sent');
  });

  it('refuses a message whose request would pass 32 MB with the history, before saving it', async () => {
    const { chat } = session();
    const pdf = samplePdf(1, 20 * 1024 * 1024);
    await chat.addAttachment({ source: 'file', name: 'one.pdf', bytes: pdf });
    const started = performance.now();
    await chat.sendMessage('first');
    const sendMs = performance.now() - started;
    await chat.addAttachment({ source: 'file', name: 'two.pdf', bytes: samplePdf(2, 20 * 1024 * 1024) });
    const refused = await rejection(chat.sendMessage('second'));
    assert.ok(refused instanceof ChatRequestRefused);
    assert.match(refused.message, /request of 53\.\d MB, and the API takes at most 32\.0 MB/);
    const view = await chat.activeConversation();
    assert.strictEqual(view.turns.filter((t) => t.role === 'user').length, 1, 'the refused message was not added');
    assert.strictEqual((await chat.pendingAttachments()).length, 1, 'its attachment waits in the composer');
    assert.ok(sendMs < 10_000, `a 20 MB PDF sent in ${sendMs.toFixed(0)} ms`);
  });
});
