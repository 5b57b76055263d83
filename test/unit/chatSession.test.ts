import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classifyApiError } from '../../src/core/apiErrors';
import { NoApiKeyError } from '../../src/core/keyErrors';
import { ChatSession } from '../../src/core/chat/chatSession';
import { ConversationStore } from '../../src/core/chat/conversationStore';

// ChatSession has no `vscode` import, so its ordering rules are checked here against the real file store.
describe('ChatSession before its store is loaded', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-session-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function session(): ChatSession {
    const quiet = { info() {}, warn() {}, error() {} };
    return new ChatSession({
      store: new ConversationStore(dir),
      log: quiet,
      getClient: () => Promise.reject(new NoApiKeyError('no key')),
      usage: undefined,
      classify: (error) => classifyApiError(error),
      keyState: () => Promise.resolve({ hasKey: false }),
      defaults: () => ({ model: 'claude-sonnet-4-6', maxTokens: 1024 }),
    });
  }

  it('a key change that arrives first leaves no phantom "New chat" beside the loaded one', async () => {
    const chat = session();
    const models: string[][] = [];
    chat.onMessage((message) => {
      if (message.type === 'didChangeModels') models.push(message.models.map((m) => m.id));
    });
    await chat.keysChanged();
    const list = await chat.conversations();
    assert.strictEqual(list.length, 1, JSON.stringify(list));
    assert.strictEqual(list[0].id, (await chat.activeConversation()).id);
    assert.ok(models.length > 0 && models[0].includes('claude-sonnet-4-6'), 'the models still name the default model');
  });
});
