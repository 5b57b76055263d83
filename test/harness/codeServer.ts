import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Toolchain } from './paths';
import { currentToolchain } from './paths';

export interface CodeServerOptions {
  /** VS Code user data (settings, logs, global storage). Created if missing. */
  userDataDir: string;
  extensionsDir: string;
  /** Fixed port, e.g. to keep the browser origin (and so SecretStorage) across restarts. */
  port?: number;
  /** User settings written to settings.json before start (merged over quiet defaults). */
  settings?: Record<string, unknown>;
  /** Merge into an existing User/settings.json instead of replacing it (for `npm start`'s lasting profile). */
  keepUserSettings?: boolean;
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
  /** Which code-server (VS Code version) to run; default the current one. */
  toolchain?: Toolchain;
}

export interface CodeServer {
  url: string;
  port: number;
  logFile: string;
  stop(): Promise<void>;
}

/** Settings that keep the workbench quiet and deterministic in tests. */
const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'always',
  'chat.disableAIFeatures': true,
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

/**
 * Writes `<userDataDir>/User/settings.json` as defaults, then (with `keep`) what the file holds, then
 * `settings`. A kept file that is not plain JSON (comments) is the user's: it is left alone.
 */
function writeUserSettings(userDataDir: string, settings: Record<string, unknown> = {}, keep = false, defaults: Record<string, unknown> = {}): void {
  const file = path.join(userDataDir, 'User', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let existing: Record<string, unknown> = {};
  if (keep && fs.existsSync(file)) {
    try {
      existing = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      return; // hand-edited with comments: the user's file wins
    }
  }
  fs.writeFileSync(file, JSON.stringify({ ...defaults, ...existing, ...settings }, null, 2));
}

/** Runs `code-server` once to completion (e.g. `--install-extension`). */
export async function runCodeServerCli(args: string[], toolchain: Toolchain = currentToolchain): Promise<string> {
  const child = spawn(toolchain.codeServerBin, args, { env: codeServerEnv({}, toolchain), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`code-server ${args.join(' ')} exited ${code}:\n${output}`);
  return output;
}

function codeServerEnv(extra: Record<string, string>, toolchain: Toolchain): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, PATH: `${toolchain.nodeBin}:${process.env.PATH ?? ''}` };
  // PORT overrides --bind-addr in code-server.
  delete env.PORT;
  // Keep the user's real key out of the extension under test.
  if (!extra.ANTHROPIC_API_KEY) delete env.ANTHROPIC_API_KEY;
  return env;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const port = options.port ?? (await freePort());
  fs.mkdirSync(options.extensionsDir, { recursive: true });
  writeUserSettings(options.userDataDir, options.settings, options.keepUserSettings, quietSettings);
  const logFile = path.join(options.userDataDir, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const toolchain = options.toolchain ?? currentToolchain;
  const child = spawn(
    toolchain.codeServerBin,
    [
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', options.userDataDir,
      '--extensions-dir', options.extensionsDir,
      ...toolchain.testFlags,
    ],
    { detached: true, stdio: ['ignore', out, out], env: codeServerEnv(options.env ?? {}, toolchain) },
  );
  fs.closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early; see ${logFile}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within 30 s; see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return { url, port, logFile, stop };
}

export function makeTempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `claude-api-${prefix}-`));
}
