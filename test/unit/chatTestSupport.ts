import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { classifyApiError } from '../../src/core/apiErrors';
import type { ChatDeps } from '../../src/core/chat/chatDeps';
import { ConversationStore } from '../../src/core/chat/conversationStore';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import type { FakeAnthropic } from '../server/fakeAnthropic';

/** What a chat engine test works with: a fresh storage folder per test and the loopback fake API. */
export interface ChatFixture {
  readonly dir: string;
  readonly server: FakeAnthropic;
  /** The chat's dependencies, the real SDK and a real file store on `dir` (each call: a new store, as a new window has). */
  deps(overrides?: Partial<ChatDeps>): ChatDeps;
}

/** Installs the hooks of a `describe` that runs ChatSessions against the fake API without the editor. */
export function useChatFixture(): ChatFixture {
  let dir = '';
  let server: FakeAnthropic | undefined;
  before(async () => (server = await startFakeAnthropic()));
  after(() => server?.close());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-session-'));
    server?.reset();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const fake = () => {
    if (!server) throw new Error('the fake API is not running');
    return server;
  };
  return {
    get dir() {
      return dir;
    },
    get server() {
      return fake();
    },
    deps: (overrides = {}) => ({
      store: new ConversationStore(dir),
      log: { info() {}, warn() {}, error() {} },
      getClient: () => Promise.resolve(new Anthropic({ apiKey: 'test-key', baseURL: fake().url, maxRetries: 0 })),
      classify: (error) => classifyApiError(error),
      keyState: () => Promise.resolve({ hasKey: true }),
      defaults: () => ({ model: 'claude-sonnet-4-6', maxTokens: 256 }),
      ...overrides,
    }),
  };
}
