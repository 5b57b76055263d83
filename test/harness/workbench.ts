import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import type { CodeServer } from './codeServer';
import { makeTempDir, runCodeServerCli, startCodeServer } from './codeServer';
import { makeWorkspace } from './workspace';
import { repoRoot, testResultsDir } from './paths';

/** The VSIX `npm run package` builds for the current version. */
export function vsixPath(): string {
  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  return path.join(repoRoot, `claude-api-toolkit-${version}.vsix`);
}

let installedOnce: Promise<string> | undefined;

/** Installs the packaged VSIX into an extensions folder, once per test process; each workbench gets a copy. */
function installedExtensionsDir(): Promise<string> {
  installedOnce ??= (async () => {
    const vsix = vsixPath();
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
    const dir = path.join(makeTempDir('vsix'), 'extensions');
    await runCodeServerCli(['--install-extension', vsix, '--extensions-dir', dir, '--force']);
    return dir;
  })();
  return installedOnce;
}

export interface WorkbenchOptions {
  /** User settings (merged over the harness's quiet defaults). */
  settings?: Record<string, unknown>;
  /** Environment for code-server, and so for the extension host. */
  env?: Record<string, string>;
  /** Folder to open; default: a fresh git repository holding test/fixtures/workspace. */
  workspace?: string;
  /**
   * Reuse these to restart with the same state: SecretStorage lives in the browser profile and is bound
   * to the origin, so a persistence test passes the same profileDir, userDataDir and port again.
   */
  profileDir?: string;
  userDataDir?: string;
  port?: number;
}

export interface Workbench {
  page: Page;
  browser: BrowserContext;
  server: CodeServer;
  workspace: string;
  userDataDir: string;
  profileDir: string;
  /** Runs a command by its palette title, e.g. `Claude API: Show Log`. */
  runCommand(title: string): Promise<void>;
  /** Types a key into the password box a key command opened, and confirms it. */
  typeKeyIntoPasswordBox(key: string): Promise<void>;
  /** Opens the Claude container (unless it is showing already) and returns the chat page's frame once it has its state. */
  openChat(): Promise<FrameLocator>;
  /** Reloads the window and waits for the workbench again. */
  reload(): Promise<void>;
  /** Saves a PNG under test-results/ and returns its path. */
  screenshot(name: string): Promise<string>;
  /** The extension host log, for activation and error checks. */
  extensionHostLog(): string;
  close(): Promise<void>;
}

async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
  await page.waitForSelector('#workbench\\.parts\\.statusbar', { timeout: 60_000 });
}

/** Opens code-server's workbench in headless Chromium with the packaged extension installed. */
export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const extensionsDir = path.join(makeTempDir('extensions'), 'extensions');
  fs.cpSync(await installedExtensionsDir(), extensionsDir, { recursive: true });
  const temp = makeTempDir('workbench');
  const userDataDir = options.userDataDir ?? path.join(temp, 'user-data');
  const profileDir = options.profileDir ?? path.join(temp, 'chromium');
  const workspace = options.workspace ?? makeWorkspace();
  const server = await startCodeServer({
    userDataDir,
    extensionsDir,
    port: options.port,
    settings: options.settings,
    env: options.env,
  });
  const browser = await launchBrowser(profileDir);
  const page = browser.pages()[0] ?? (await browser.newPage());
  try {
    await page.goto(`${server.url}/?folder=${workspace}`);
    await waitForWorkbench(page);
  } catch (error) {
    await browser.close().catch(() => undefined);
    await server.stop();
    throw error;
  }

  /** Palette look-ups can miss while the workbench is still loading contributions: retry a few times. */
  const runCommand = async (title: string) => {
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
      try {
        await row.waitFor({ timeout: 10_000 });
        await page.keyboard.press('Enter');
        return;
      } catch (error) {
        await page.keyboard.press('Escape');
        if (attempt === 3) throw error;
      }
    }
  };

  return {
    page,
    browser,
    server,
    workspace,
    userDataDir,
    profileDir,
    runCommand,
    async typeKeyIntoPasswordBox(key: string) {
      const input = page.locator('.quick-input-widget input[type="password"]');
      await input.waitFor({ state: 'visible', timeout: 20_000 });
      await input.fill(key);
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden' });
    },
    async openChat() {
      const entry = page.locator('.activitybar a.action-label[aria-label^="Claude"]');
      await entry.waitFor({ timeout: 30_000 });
      // The activity bar entry toggles the sidebar, and a reloaded window restores it open (empty until
      // the extension has activated): click only when the Claude container is not showing.
      const title = page.locator('.sidebar .title-label', { hasText: /claude/i });
      const restored = await title.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      );
      if (!restored) {
        await entry.click();
        await title.waitFor({ timeout: 30_000 });
      }
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await frame.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
      return frame;
    },
    async reload() {
      await page.reload();
      await waitForWorkbench(page);
    },
    async screenshot(name: string) {
      fs.mkdirSync(testResultsDir, { recursive: true });
      const file = path.join(testResultsDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    extensionHostLog() {
      const logs = path.join(userDataDir, 'logs');
      if (!fs.existsSync(logs)) return '';
      return fs
        .readdirSync(logs, { recursive: true })
        .map(String)
        .filter((name) => name.endsWith('remoteexthost.log'))
        .map((name) => fs.readFileSync(path.join(logs, name), 'utf8'))
        .join('\n');
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.stop();
    },
  };
}
