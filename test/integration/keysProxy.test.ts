import * as assert from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { VerifyResult } from '../../src/auth/verifyKey';
import type { ClaudeApiToolkitApi } from '../../src/extension';
import type { FakeAnthropic } from '../server/fakeAnthropic';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import { activateExtension } from './extensionApi';
import { fakeKey, removeAllProfiles, run, setSetting, settle } from './keysTestSupport';

/**
 * Does VS Code's `http.proxy` reach the SDK's fetch in the extension host? A loopback proxy that
 * records what passes through; the API's host name cannot resolve (`.invalid`), so a request that
 * succeeds can only have gone through the proxy, which maps every target to the fake API.
 * (VS Code sends localhost and 127.0.0.1 DIRECT whatever the settings say, hence the made-up host.)
 */
interface LoopbackProxy {
  url: string;
  /** `host:port` of every CONNECT tunnel and absolute-form request seen. */
  targets: string[];
  close(): Promise<void>;
}

async function startLoopbackProxy(upstreamPort: number): Promise<LoopbackProxy> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    // Absolute-form request (`GET http://host/path`), as plain HTTP proxies receive them.
    const target = new URL(req.url ?? '/');
    targets.push(target.host);
    const upstream = http.request(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => sockets.add(socket));
  server.on('connect', (req: http.IncomingMessage, client: Socket, head: Buffer) => {
    targets.push(req.url ?? '');
    const upstream = net.connect(upstreamPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('keys: VS Code proxy settings reach the Claude client', () => {
  let api: ClaudeApiToolkitApi;
  let server: FakeAnthropic;
  let proxy: LoopbackProxy;
  const key = fakeKey('proxy');
  const unresolvableBase = 'http://api.claude-proxy-test.invalid:8080';

  before(async () => {
    api = await activateExtension();
    server = await startFakeAnthropic({ validKeys: [key] });
    proxy = await startLoopbackProxy(Number(new URL(server.url).port));
    await removeAllProfiles(api);
    await run('claudeApi.setApiKey', { key, profile: 'proxied' });
  });

  after(async () => {
    await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await setSetting('baseUrl', undefined);
    await removeAllProfiles(api);
    await proxy.close();
    await server.close();
  });

  it('with http.proxy set, requests go through the proxy; without it, the made-up host does not resolve', async () => {
    await setSetting('baseUrl', unresolvableBase);
    const direct = await run<VerifyResult>('claudeApi.verifyApiKey');
    assert.ok(direct && !direct.ok, 'the host cannot be reached without the proxy');
    assert.strictEqual(direct.error.kind, 'network');

    await vscode.workspace.getConfiguration('http').update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
    await settle(server);
    const viaProxy = await run<VerifyResult>('claudeApi.verifyApiKey');
    console.log(`proxy saw: ${JSON.stringify(proxy.targets)}; verify: ${viaProxy?.ok ? 'ok' : viaProxy?.error.message}`);
    assert.ok(viaProxy?.ok, `verify through the proxy failed: ${viaProxy && !viaProxy.ok ? viaProxy.error.message : ''}`);
    assert.ok(proxy.targets.includes('api.claude-proxy-test.invalid:8080'), `proxy saw ${JSON.stringify(proxy.targets)}`);
    const request = server.requests.at(-1);
    assert.strictEqual(request?.path, '/v1/models');
    assert.strictEqual(request?.keyAccepted, true);
  });
});
