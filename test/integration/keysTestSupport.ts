import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { ClaudeApiToolkitApi } from '../../src/extension';

/** A well-formed (108-character) but fake key, unique per call; `tag` makes it recognisable. */
export function fakeKey(tag: string): string {
  const body = (tag.replace(/[^A-Za-z0-9]/g, '') + randomBytes(96).toString('base64url')).slice(0, 93);
  return `sk-ant-api03-${body}AA`;
}

export function run<T>(command: string, args?: unknown): Thenable<T | undefined> {
  return vscode.commands.executeCommand<T | undefined>(command, args);
}

/** Deletes every key profile (tests share one SecretStorage: the browser's localStorage). */
export async function removeAllProfiles(api: ClaudeApiToolkitApi): Promise<void> {
  for (const profile of await api.keys.listProfiles()) {
    await run('claudeApi.deleteKeyProfile', { name: profile.name, confirm: true });
  }
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('claudeApi').update(key, value, vscode.ConfigurationTarget.Global);
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Waits until the fake server has had no new request for `quietMs`. The chat refreshes its model list
 * (GET /v1/models) whenever the key or base URL changes; a scenario queued for `models` before that
 * refresh is over would be consumed by it instead of by the request under test.
 */
export async function settle(server: { requests: readonly unknown[] }, quietMs = 400): Promise<void> {
  let count = server.requests.length;
  let quietSince = Date.now();
  const deadline = Date.now() + 10_000;
  while (Date.now() - quietSince < quietMs && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (server.requests.length !== count) {
      count = server.requests.length;
      quietSince = Date.now();
    }
  }
}
