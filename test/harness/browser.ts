import * as fs from 'node:fs';
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';
import { chromiumPath } from './paths';

/** Flags that keep Debian's Chromium headless and off the (closed) network. */
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * A persistent Chromium profile: code-server keeps SecretStorage in the browser's localStorage,
 * so a test that reloads or restarts must reuse the same profile directory (and origin).
 */
export async function launchBrowser(profileDir: string): Promise<BrowserContext> {
  fs.mkdirSync(profileDir, { recursive: true });
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1400, height: 900 },
    // As a desktop VS Code has it: VS Code 1.96's web clipboard reads navigator.clipboard, which headless
    // Chromium refuses without the permission (then an extension reads '' back from vscode.env.clipboard).
    permissions: ['clipboard-read', 'clipboard-write'],
  });
}

export { chromiumArgs };
