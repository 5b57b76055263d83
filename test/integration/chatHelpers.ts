import * as vscode from 'vscode';
import type { ChatApi } from '../../src/chat/chatApi';
import type { ToWebviewMessage } from '../../src/shared/chatProtocol';
import type { FakeAnthropic, FakeAnthropicOptions } from '../server/fakeAnthropic';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import { activateExtension } from './extensionApi';

/** A syntactically valid test key (never a real one). */
export const testKey = `sk-ant-api03-${'T'.repeat(93)}AA`;

/** Points the extension at a fresh fake API with a key set and SDK retries off (faults surface at once). */
export async function startChatAgainstFake(options: Omit<FakeAnthropicOptions, 'validKeys'> = {}): Promise<{ chat: ChatApi; fake: FakeAnthropic }> {
  const api = await activateExtension();
  const fake = await startFakeAnthropic({ ...options, validKeys: [testKey] });
  const config = vscode.workspace.getConfiguration('claudeApi');
  await config.update('baseUrl', fake.url, vscode.ConfigurationTarget.Global);
  await config.update('maxRetries', 0, vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('claudeApi.setApiKey', { key: testKey });
  return { chat: api.chat, fake };
}

export async function stopFake(fake: FakeAnthropic | undefined): Promise<void> {
  await fake?.close();
  const config = vscode.workspace.getConfiguration('claudeApi');
  await config.update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
  await config.update('maxRetries', undefined, vscode.ConfigurationTarget.Global);
}

/** One setup for chat suites: the fake API for the whole suite, a fresh script and conversation per test. */
export function useChatAgainstFake(): { chat: ChatApi; fake: FakeAnthropic } {
  const context = {} as { chat: ChatApi; fake: FakeAnthropic };
  before(async () => {
    Object.assign(context, await startChatAgainstFake());
  });
  after(() => stopFake(context.fake));
  beforeEach(async () => {
    context.fake.reset();
    await context.chat.newConversation();
  });
  return context;
}

/** Collects what the host sends to the page while `run` runs. */
export async function recordPageMessages<T>(chat: ChatApi, run: (messages: ToWebviewMessage[]) => Promise<T>): Promise<{ result: T; messages: ToWebviewMessage[] }> {
  const messages: ToWebviewMessage[] = [];
  const subscription = chat.onDidPostMessage((message) => messages.push(message));
  try {
    return { result: await run(messages), messages };
  } finally {
    subscription.dispose();
  }
}

/** The `messages` array the fake server received in its `n`-th /v1/messages request (0-based). */
export function sentMessages(fake: FakeAnthropic, n: number): unknown {
  const requests = fake.requests.filter((request) => request.path === '/v1/messages');
  return (requests[n]?.body as { messages?: unknown } | undefined)?.messages;
}

/** Bodies of every /v1/messages request so far. */
export function messageRequests(fake: FakeAnthropic): Record<string, unknown>[] {
  return fake.requests.filter((request) => request.path === '/v1/messages').map((request) => request.body as Record<string, unknown>);
}
