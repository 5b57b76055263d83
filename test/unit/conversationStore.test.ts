import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../src/chat/conversationStore';

// The store is plain Node (no `vscode`): its rules for what counts as damaged are checked on real files.
describe('ConversationStore: damaged versus unreadable', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conversation-store-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sets a file with damaged content aside as *.corrupt-<time>', async () => {
    fs.mkdirSync(path.join(dir, 'conversations'));
    fs.writeFileSync(path.join(dir, 'conversations', 'c-broken.json'), '{"not": ');
    const { problems } = await new ConversationStore(dir).load();
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0].movedTo ?? '', /c-broken\.json\.corrupt-/);
    assert.ok(!fs.existsSync(path.join(dir, 'conversations', 'c-broken.json')));
  });

  it('reports an entry it cannot read (an I/O error, not damage) and leaves it where it is', async () => {
    // A folder where a conversation file should be: reading it fails with EISDIR, like EACCES or EMFILE would.
    fs.mkdirSync(path.join(dir, 'conversations', 'c-unreadable.json'), { recursive: true });
    const { problems } = await new ConversationStore(dir).load();
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].movedTo, undefined);
    assert.match(problems[0].reason, /left in place/);
    assert.ok(fs.existsSync(path.join(dir, 'conversations', 'c-unreadable.json')));
  });

  it('sets aside a file that stands where the conversations folder should be, and starts a fresh folder', async () => {
    fs.writeFileSync(path.join(dir, 'conversations'), 'not a folder');
    const { problems, conversations } = await new ConversationStore(dir).load();
    assert.deepStrictEqual(conversations, []);
    assert.match(problems[0].movedTo ?? '', /conversations\.corrupt-/);
    assert.ok(fs.statSync(path.join(dir, 'conversations')).isDirectory());
  });
});
