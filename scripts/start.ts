// `npm start`: try the extension without desktop VS Code. Builds the VSIX, installs it into a local
// code-server on 127.0.0.1 and prints the URL to open; Ctrl+C stops it.
//   npm start -- [--port N] [--folder PATH] [--fake]
// The profile (settings, installed extension) lasts in ~/.cache/claude-api-toolkit/start; the key lives
// in the browser's SecretStorage for that origin, so keep the port to keep the key. `--fake` points the
// extension at the loopback fake API from the tests (any key works, nothing is billed).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureCodeServer, ensureSystemPackages, log } from '../test/harness/install';
import { runCodeServerCli, startCodeServer } from '../test/harness/codeServer';
import { cacheRoot, repoRoot } from '../test/harness/paths';
import { vsixPath } from '../test/harness/workbench';
import { startFakeAnthropic } from '../test/server/fakeAnthropic';

interface StartOptions {
  port: number;
  folder: string;
  fake: boolean;
}

function parseArgs(argv: string[]): StartOptions {
  // npm runs scripts from the package root; INIT_CWD is where `npm start` was typed.
  const options: StartOptions = { port: 8765, folder: process.env.INIT_CWD ?? process.cwd(), fake: false };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--port': {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port needs a port number, got ${value}`);
        options.port = port;
        i++;
        break;
      }
      case '--folder':
        if (!value || !fs.existsSync(value)) throw new Error(`--folder needs an existing folder, got ${value}`);
        options.folder = path.resolve(value);
        i++;
        break;
      case '--fake':
        options.fake = true;
        break;
      default:
        throw new Error(`unknown argument ${argv[i]}; use --port N, --folder PATH, --fake`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  log('building the VSIX (npm run package)');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  await ensureSystemPackages();
  await ensureCodeServer();

  // Separate profiles, so a real session never inherits the fake API's base URL.
  const profile = path.join(cacheRoot, 'start', options.fake ? 'fake' : 'real');
  const userDataDir = path.join(profile, 'user-data');
  const extensionsDir = path.join(profile, 'extensions');
  log(`installing the VSIX into ${extensionsDir}`);
  await runCodeServerCli(['--install-extension', vsixPath(), '--extensions-dir', extensionsDir, '--force']);

  const fake = options.fake ? await startFakeAnthropic({ defaultReply: { delayMs: 15, chunkSize: 8 } }) : undefined;
  const server = await startCodeServer({
    userDataDir,
    extensionsDir,
    port: options.port,
    keepUserSettings: true,
    settings: fake ? { 'claudeApi.baseUrl': fake.url } : undefined,
  });

  console.log(`\nClaude API Toolkit is running in code-server. Open:\n\n  ${server.url}/?folder=${encodeURI(options.folder)}\n`);
  if (fake) console.log(`Chat goes to the fake API at ${fake.url}: set any well-formed key (sk-ant-api03-…).`);
  console.log(`code-server log: ${server.logFile}\nCtrl+C stops it.`);

  const stop = () => {
    void Promise.all([server.stop(), fake?.close()]).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
