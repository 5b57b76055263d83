import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../src/core/chat/conversationStore';
import { createConversation } from '../../src/core/chat/conversation';
import { defaultParameters } from '../../src/core/chat/parameters';

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

  it('keeps conversations readable by their owner only (folder 0700, files 0600) whatever the umask', async () => {
    const store = new ConversationStore(dir);
    await store.load();
    await store.save(createConversation('c-saved', defaultParameters(), 1));
    store.saveNow(createConversation('c-saved-on-exit', defaultParameters(), 2));
    await store.saveActiveId('c-saved');
    const mode = (file: string) => fs.statSync(file).mode & 0o777;
    assert.strictEqual(mode(path.join(dir, 'conversations')).toString(8), '700');
    const names = fs.readdirSync(path.join(dir, 'conversations'));
    assert.deepStrictEqual(names.sort(), ['c-saved-on-exit.json', 'c-saved.json']);
    for (const name of names) {
      assert.strictEqual(mode(path.join(dir, 'conversations', name)).toString(8), '600', name);
    }
    assert.strictEqual(mode(path.join(dir, 'chat-state.json')).toString(8), '600');
  });
});
