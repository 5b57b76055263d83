// Start-up: what the extension costs every VS Code window it is installed in (it activates on
// `onStartupFinished`). Builds the production bundles twice, as shipped (the SDK, tree-sitter, the
// price data and the history scan in their own files, loaded on first use) and as a baseline with all
// of them inlined in the host bundle (`esbuild.js --no-lazy`), then opens windows of a real code-server,
// alternating the two builds, each window a fresh extension host that runs bench/fixtures/startupProbe.ts.
// Reports medians over the windows: activation as VS Code measures it (requiring the main file plus the
// `activate()` call, what "Developer: Show Running Extensions" shows), its two parts, and the first use
// of each part the shipped build loads later. STARTUP_WINDOWS sets the windows per build (default 7).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import * as esbuild from 'esbuild';
import { launchBrowser } from '../test/harness/browser';
import { makeTempDir, startCodeServer } from '../test/harness/codeServer';
import { ensureCodeServer, ensureSystemPackages } from '../test/harness/install';
import { repoRoot } from '../test/harness/paths';
import type { StartupProbeResult } from './fixtures/startupProbe';
import { report } from './report';

const windowsPerBuild = Number(process.env.STARTUP_WINDOWS) || 7;
const windowTimeoutMs = 180_000;

interface Build {
  name: 'shipped' | 'baseline';
  dir: string;
  hostBytes: number;
  results: StartupProbeResult[];
}

/** A folder VS Code can load as the extension: package.json, media and a production dist/. */
function buildExtension(dir: string, name: Build['name']): Build {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(dir, 'package.json'));
  fs.cpSync(path.join(repoRoot, 'media'), path.join(dir, 'media'), { recursive: true });
  const flags = ['--production', `--dist=${path.join(dir, 'dist')}`, ...(name === 'baseline' ? ['--no-lazy'] : [])];
  const built = spawnSync('node', ['esbuild.js', ...flags], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error(`node esbuild.js ${flags.join(' ')} failed`);
  return { name, dir, hostBytes: fs.statSync(path.join(dir, 'dist', 'extension.js')).size, results: [] };
}

async function bundleProbe(outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'fixtures', 'startupProbe.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    outfile,
    logLevel: 'error',
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  await ensureSystemPackages();
  await ensureCodeServer();
  const temp = makeTempDir('startup-bench');
  const builds = [buildExtension(path.join(temp, 'shipped'), 'shipped'), buildExtension(path.join(temp, 'baseline'), 'baseline')];
  const probe = path.join(temp, 'probe', 'index.js');
  await bundleProbe(probe);
  const workspace = path.join(temp, 'workspace');
  fs.mkdirSync(workspace);

  const server = await startCodeServer({ userDataDir: path.join(temp, 'user-data'), extensionsDir: path.join(temp, 'extensions') });
  const browser = await launchBrowser(path.join(temp, 'chromium'));
  try {
    // One window at a time: the page's automation hooks report the probe's line and the end of its run.
    let window: { output: string[]; finish: (code: number) => void } | undefined;
    await browser.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      window?.output.push(format(...(Array.isArray(args) ? args : [args])));
    });
    await browser.exposeFunction('codeAutomationExit', (code: number) => window?.finish(code));
    const remote = (file: string) => `vscode-remote://127.0.0.1:${server.port}${file}`;

    const openWindow = async (build: Build): Promise<StartupProbeResult> => {
      const output: string[] = [];
      const exited = new Promise<number>((resolve) => {
        window = { output, finish: resolve };
        setTimeout(() => resolve(-1), windowTimeoutMs).unref();
      });
      const payload = [
        ['extensionDevelopmentPath', remote(build.dir)],
        ['extensionTestsPath', remote(probe)],
        ['skipWelcome', 'true'],
      ];
      const page = await browser.newPage();
      try {
        await page.goto(`${server.url}/?folder=${workspace}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
        const code = await exited;
        const line = output.find((text) => text.startsWith('startup-probe '));
        if (code !== 0 || !line) throw new Error(`startup probe (${build.name}) ${code === -1 ? 'timed out' : `exited ${code}`}:\n${output.join('\n')}`);
        return JSON.parse(line.slice('startup-probe '.length)) as StartupProbeResult;
      } finally {
        await page.close();
      }
    };

    // The first window pays for cold disk caches of code-server itself: not counted.
    await openWindow(builds[0]);
    for (let round = 0; round < windowsPerBuild; round++) {
      for (const build of builds) build.results.push(await openWindow(build));
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
  }

  const [shipped, baseline] = builds;
  const figure = (build: Build, pick: (result: StartupProbeResult) => number) => median(build.results.map(pick));
  const activation = (result: StartupProbeResult) => result.codeLoadingMs + result.activateCallMs;
  report('startup hostBundle', shipped.hostBytes / 1024, 'KB', { value: baseline.hostBytes / 1024 });
  report(`startup activation (median of ${windowsPerBuild} windows)`, figure(shipped, activation), 'ms', { value: figure(baseline, activation) });
  report('startup codeLoading', figure(shipped, (result) => result.codeLoadingMs), 'ms', { value: figure(baseline, (result) => result.codeLoadingMs) });
  report('startup activateCall', figure(shipped, (result) => result.activateCallMs), 'ms', { value: figure(baseline, (result) => result.activateCallMs) });
  report('startup activateBody', figure(shipped, (result) => result.activateBodyMs), 'ms', { value: figure(baseline, (result) => result.activateBodyMs) });
  for (const step of Object.keys(shipped.results[0].activateStepsMs)) {
    report(`startup activateBody ${step}`, figure(shipped, (result) => result.activateStepsMs[step] ?? NaN), 'ms');
  }
  for (const part of ['sdk', 'treeSitter', 'genaiPrices', 'gitHistoryScan'] as const) {
    report(`startup firstUse ${part}`, figure(shipped, (result) => result.firstUseMs[part] ?? NaN), 'ms');
  }
  fs.rmSync(temp, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
