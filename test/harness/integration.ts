import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { makeTempDir, startCodeServer } from './codeServer';
import { log } from './install';
import type { Toolchain } from './paths';
import { repoRoot, testResultsDir } from './paths';
import { makeWorkspace } from './workspace';

export interface IntegrationOptions {
  /** Only run mocha tests whose full title matches. */
  grep?: string;
  /** Only load suite files whose name contains one of these. */
  files?: string[];
  /** Give up after this long (a hung extension host must not hang CI). */
  timeoutMs?: number;
  /** Which VS Code to run the suite in; default the current one. */
  toolchain?: Toolchain;
}

/** The workbench logs its own failed gallery look-ups and start-up chatter (no network here). */
function isWorkbenchNoise(line: string): boolean {
  return /open-vsx\.org|\/static\/out\/vs\/|^\[(Service Worker|AgentHost|AccountPolicyGate)|^Creating a socket/.test(line);
}

/**
 * Runs the compiled mocha suites (out/test/integration) inside the extension host of a real
 * VS Code (code-server), driven by headless Chromium. Resolves to mocha's exit code and its output.
 */
export async function runIntegration(options: IntegrationOptions = {}): Promise<{ code: number; output: string }> {
  const suiteIndex = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
  if (!fs.existsSync(suiteIndex)) throw new Error(`${suiteIndex} is missing: run \`node esbuild.js --tests\` first`);
  const temp = makeTempDir('integration');
  const workspace = makeWorkspace();
  const env: Record<string, string> = { CLAUDE_API_TEST_WORKSPACE: workspace };
  if (options.grep) env.MOCHA_GREP = options.grep;
  if (options.files?.length) env.MOCHA_FILES = options.files.join(',');
  const server = await startCodeServer({
    userDataDir: path.join(temp, 'user-data'),
    extensionsDir: path.join(temp, 'extensions'),
    env,
    toolchain: options.toolchain,
  });
  const browser = await launchBrowser(path.join(temp, 'chromium'));
  try {
    let output = '';
    let finish: (code: number) => void = () => undefined;
    const finished = new Promise<number>((resolve) => (finish = resolve));
    await browser.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = `${format(...(Array.isArray(args) ? args : [args]))}\n`;
      output += line;
      if (!isWorkbenchNoise(line)) process.stdout.write(line);
    });
    await browser.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    const remote = (file: string) => `vscode-remote://127.0.0.1:${server.port}${file}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(suiteIndex)],
      ['skipWelcome', 'true'],
    ];
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${server.url}/?folder=${workspace}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeoutMs = options.timeoutMs ?? 20 * 60_000;
    const code = await Promise.race([
      finished,
      new Promise<number>((resolve) => setTimeout(() => resolve(-1), timeoutMs).unref()),
    ]);
    if (code !== 0) {
      fs.mkdirSync(testResultsDir, { recursive: true });
      await page.screenshot({ path: path.join(testResultsDir, 'integration-failure.png') }).catch(() => undefined);
      log(code === -1 ? `integration suite timed out after ${timeoutMs} ms` : `integration suite exited ${code}`);
      log(`logs: ${path.join(temp, 'user-data', 'logs')}`);
    }
    return { code: code === -1 ? 1 : code, output };
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}
