// `npm test`: lint, type-check, unit tests in Node, the integration suite inside a real VS Code
// (code-server + Chromium), in the current one and in the oldest one engines.vscode admits
// (integration-oldest), and the packaged VSIX end to end, in two lanes that run side by side (see
// runsAfter). `npm test -- unit integration` runs only the named stages (and what they need); `--grep TEXT`
// and `--files a,b` narrow the mocha runs.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { ensureCodeServer, ensureSystemPackages, log } from './install';
import { runIntegration } from './integration';
import type { Toolchain } from './paths';
import { repoRoot, toolchains } from './paths';

type Stage = 'lint' | 'typecheck' | 'unit' | 'build' | 'integration' | 'integration-oldest' | 'package' | 'e2e';
/** Each stage after those it runs after (see runsAfter). */
const allStages: Stage[] = ['lint', 'typecheck', 'unit', 'package', 'build', 'integration', 'integration-oldest', 'e2e'];

/** Stages a named stage needs first (building before integration, packaging before e2e). */
const prerequisites: Partial<Record<Stage, Stage[]>> = { integration: ['build'], 'integration-oldest': ['build'], e2e: ['package'] };

/**
 * Stages that must have finished before a stage starts, when both run; the rest run at the same time.
 * Two lanes: the Node checks one after another (each can use both cores of a small machine, and a unit
 * test that times out under a doubled load says nothing), beside the VS Code lane, which mostly waits on
 * the workbench. In that lane only dist/ is shared: `package` rebuilds it from scratch (production) and
 * `build` rebuilds it for the integration suite, so package goes first; e2e uses its own copy of the VSIX.
 * Each code-server takes a free port and its own temporary folders. Within the VS Code lane the three
 * workbenches (integration, integration-oldest, e2e) take turns: run side by side on 2 cores, both extension
 * hosts went unresponsive for seconds and a test waiting on the git extension's state timed out in CI. A
 * stage installs its code-server when it starts (once per machine; installs take turns too, under the cache
 * lock), so a first run builds the oldest one's native modules after the current suite, not during it.
 */
const runsAfter: Partial<Record<Stage, Stage[]>> = {
  typecheck: ['lint'],
  unit: ['typecheck'],
  build: ['package'],
  integration: ['build'],
  'integration-oldest': ['build', 'integration'],
  e2e: ['package', 'integration', 'integration-oldest'],
};

/** Of those, the ones whose output a stage uses: when they fail, it is skipped. */
const needs: Partial<Record<Stage, Stage[]>> = { integration: ['build'], 'integration-oldest': ['build'], e2e: ['package'] };

interface Counts {
  passed: number;
  failed: number;
}
const totals: Counts = { passed: 0, failed: 0 };

/** Adds mocha's "N passing" / "N failing" lines from a stage's output to the totals. */
function count(output: string): void {
  // eslint-disable-next-line no-control-regex -- strips terminal colour codes
  output = output.replace(/\x1b\[[0-9;]*m/g, '');
  for (const [, n] of output.matchAll(/^\s*(\d+) passing/gm)) totals.passed += Number(n);
  for (const [, n] of output.matchAll(/^\s*(\d+) failing/gm)) totals.failed += Number(n);
}

/**
 * Runs a command for `stage`, streaming its output line by line with the stage's name in front (stages
 * run in parallel) and capturing it unprefixed; resolves to its exit code.
 */
function exec(stage: Stage, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const relay = (target: NodeJS.WriteStream) => {
      let partial = '';
      return (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) target.write(`[${stage}] ${line}\n`);
      };
    };
    const relays = [relay(process.stdout), relay(process.stderr)];
    child.stdout.on('data', relays[0]);
    child.stderr.on('data', relays[1]);
    child.on('close', (code) => {
      for (const flush of relays) flush(Buffer.from('\n'));
      resolve({ code: code ?? 1, output });
    });
  });
}

const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);
const eslintCache = path.join(repoRoot, 'node_modules', '.cache', 'eslint') + path.sep;

/** Chromium and build headers, then code-server and its Node: installed once however many stages need them. */
let systemPackages: Promise<void> | undefined;
const installed = new Map<Toolchain, Promise<void>>();
function ensureToolchain(toolchain: Toolchain = toolchains.current): Promise<void> {
  systemPackages ??= ensureSystemPackages();
  if (!installed.has(toolchain)) installed.set(toolchain, systemPackages.then(() => ensureCodeServer(toolchain)));
  return installed.get(toolchain)!;
}

function mochaArgs(pattern: string, grep?: string, files?: string[]): string[] {
  const args = ['--import', 'tsx', bin('mocha'), '--reporter', 'spec', '--no-color'];
  if (grep) args.push('--grep', grep);
  if (files?.length) args.push(...files.map((file) => `${pattern.replace(/\*\*\/\*\.test\.ts$/, '')}**/*${file}*.test.ts`));
  else args.push(pattern);
  return args;
}

async function runStage(stage: Stage, grep?: string, files?: string[]): Promise<boolean> {
  log(`stage ${stage}`);
  switch (stage) {
    case 'lint':
      // The cache skips files whose content and config are unchanged since they last passed. It cannot know
      // that a change elsewhere altered a type an unchanged file's rules depend on: delete it to recheck all.
      return (await exec(stage, bin('eslint'), ['--max-warnings', '0', '--cache', '--cache-strategy', 'content', '--cache-location', eslintCache, '.'])).code === 0;
    case 'typecheck':
      // Every project once, in reference order (tsconfig.json); out/tsc keeps what passed, so a rerun is quick.
      return (await exec(stage, bin('tsc'), ['-b'])).code === 0;
    case 'unit': {
      const result = await exec(stage, 'node', [...mochaArgs('test/unit/**/*.test.ts', grep, files), '--timeout', '20000']);
      count(result.output);
      return result.code === 0;
    }
    case 'build':
      return (await exec(stage, 'node', ['esbuild.js', '--tests'], { TEST_FILES: files?.join(',') ?? '' })).code === 0;
    case 'integration':
    case 'integration-oldest': {
      // The same suite in the VS Code we develop against and in the oldest one engines.vscode admits.
      const toolchain = stage === 'integration' ? toolchains.current : toolchains.oldest;
      log(`${stage}: VS Code ${toolchain.vscodeVersion} (code-server ${toolchain.codeServerVersion})`);
      await ensureToolchain(toolchain);
      const { code, output } = await runIntegration({ grep, files, toolchain });
      count(output);
      return code === 0;
    }
    case 'package':
      return (await exec(stage, 'npm', ['run', '--silent', 'package'])).code === 0;
    case 'e2e': {
      await ensureToolchain();
      const result = await exec(stage, 'node', [...mochaArgs('test/e2e/**/*.test.ts', grep, files), '--timeout', '180000']);
      count(result.output);
      return result.code === 0;
    }
  }
}

function parseArgs(argv: string[]): { stages: Stage[]; grep?: string; files?: string[] } {
  const named: Stage[] = [];
  let grep: string | undefined;
  let files: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--grep') grep = argv[++i];
    else if (arg === '--files') files = argv[++i]?.split(',');
    else if ((allStages as string[]).includes(arg)) named.push(arg as Stage);
    else throw new Error(`unknown argument ${arg}; stages: ${allStages.join(', ')}; options: --grep TEXT, --files a,b`);
  }
  if (named.length === 0) return { stages: allStages, grep, files };
  const wanted = new Set<Stage>();
  for (const stage of named) for (const needed of [...(prerequisites[stage] ?? []), stage]) wanted.add(needed);
  return { stages: allStages.filter((stage) => wanted.has(stage)), grep, files };
}

async function main(): Promise<number> {
  const { stages, grep, files } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const failedStages: Stage[] = [];
  const finished = new Map<Stage, Promise<boolean>>();
  const runOne = async (stage: Stage): Promise<boolean> => {
    const before = (runsAfter[stage] ?? []).filter((other) => stages.includes(other));
    const results = await Promise.all(before.map(async (other) => [other, await finished.get(other)!] as const));
    const missing = results.filter(([other, ok]) => !ok && needs[stage]?.includes(other)).map(([other]) => other);
    if (missing.length > 0) {
      log(`stage ${stage} skipped: ${missing.join(', ')} failed`);
      failedStages.push(stage);
      return false;
    }
    const stageStarted = Date.now();
    const ok = await runStage(stage, grep, files);
    log(`stage ${stage} ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - stageStarted) / 1000).toFixed(1)} s`);
    if (!ok) failedStages.push(stage);
    return ok;
  };
  // allStages lists every stage after those it runs after, so their promises are in the map first.
  for (const stage of stages) finished.set(stage, runOne(stage));
  await Promise.all(finished.values());
  log(`finished in ${((Date.now() - started) / 1000).toFixed(0)} s${failedStages.length ? `; failed: ${failedStages.join(', ')}` : ''}`);
  // Counted across every mocha run; a failed stage with no failing test (lint, build) still counts one.
  const failed = totals.failed + (failedStages.length > 0 && totals.failed === 0 ? 1 : 0);
  console.log(`tests: ${totals.passed} passed, ${failed} failed`);
  return failedStages.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.log(`tests: ${totals.passed} passed, ${totals.failed + 1} failed`);
    process.exit(1);
  },
);
