// `npm test`: lint, type-check, unit tests in Node, then the integration suite inside a real VS Code
// (code-server + Chromium), then the packaged VSIX end to end. `npm test -- unit integration` runs
// only the named stages; `--grep TEXT` and `--files a,b` narrow the mocha runs.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { ensureCodeServer, ensureSystemPackages, log } from './install';
import { runIntegration } from './integration';
import { repoRoot } from './paths';

type Stage = 'lint' | 'typecheck' | 'unit' | 'build' | 'integration' | 'package' | 'e2e';
const allStages: Stage[] = ['lint', 'typecheck', 'unit', 'build', 'integration', 'package', 'e2e'];

/** Stages a named stage needs first (building before integration, packaging before e2e). */
const prerequisites: Partial<Record<Stage, Stage[]>> = { integration: ['build'], e2e: ['package'] };

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

/** Runs a command, streaming and capturing its output; resolves to its exit code. */
function exec(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const relay = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      target.write(chunk);
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);

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
      return (await exec(bin('eslint'), ['--max-warnings', '0', '.'])).code === 0;
    case 'typecheck': {
      for (const project of ['.', 'src/webview', 'test', 'bench', 'scripts']) {
        if ((await exec(bin('tsc'), ['-p', project, '--noEmit'])).code !== 0) return false;
      }
      return true;
    }
    case 'unit': {
      const result = await exec('node', [...mochaArgs('test/unit/**/*.test.ts', grep, files), '--timeout', '20000']);
      count(result.output);
      return result.code === 0;
    }
    case 'build':
      return (await exec('node', ['esbuild.js', '--tests'], { TEST_FILES: files?.join(',') ?? '' })).code === 0;
    case 'integration': {
      await ensureSystemPackages();
      await ensureCodeServer();
      const { code, output } = await runIntegration({ grep, files });
      count(output);
      return code === 0;
    }
    case 'package':
      return (await exec('npm', ['run', '--silent', 'package'])).code === 0;
    case 'e2e': {
      await ensureSystemPackages();
      await ensureCodeServer();
      const result = await exec('node', [...mochaArgs('test/e2e/**/*.test.ts', grep, files), '--timeout', '180000']);
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
  for (const stage of stages) {
    const stageStarted = Date.now();
    const ok = await runStage(stage, grep, files);
    log(`stage ${stage} ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - stageStarted) / 1000).toFixed(1)} s`);
    if (!ok) {
      failedStages.push(stage);
      // Later stages depend on a good build; a failed lint or test still lets the others report.
      if (stage === 'build' || stage === 'package') break;
    }
  }
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
