// Runs one step of a tool install with its output in a log file, a progress line while it runs and,
// on failure, an error that names the step, the likely cause and the log, instead of raw npm output.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

export interface InstallStep {
  /** What the user reads, e.g. "code-server 4.139.1: npm ci (builds native modules)". */
  title: string;
  command: string;
  args: string[];
  cwd?: string;
  env: NodeJS.ProcessEnv;
  /** Output is appended here. */
  logFile: string;
}

export class InstallStepError extends Error {}

const progressEveryMs = 30_000;

export async function runInstallStep(step: InstallStep, log: (message: string) => void): Promise<void> {
  const started = Date.now();
  fs.appendFileSync(step.logFile, `\n$ ${step.command} ${step.args.join(' ')}\n`);
  const out = fs.openSync(step.logFile, 'a');
  const ticker = setInterval(() => log(`  … ${step.title}: ${seconds(started)} so far`), progressEveryMs);
  let code: number | null;
  try {
    code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(step.command, step.args, { cwd: step.cwd, env: step.env, stdio: ['ignore', out, out] });
      child.once('error', reject);
      child.once('close', resolve);
    });
  } catch (error) {
    throw new InstallStepError(`${step.title} could not start: ${(error as Error).message}`);
  } finally {
    clearInterval(ticker);
    fs.closeSync(out);
  }
  if (code === 0) {
    log(`  ${step.title}: done in ${seconds(started)}`);
    return;
  }
  const output = fs.readFileSync(step.logFile, 'utf8');
  const tail = output.split('\n').slice(-15).join('\n');
  throw new InstallStepError(
    `${step.title} failed (exit ${code}). ${likelyCause(output)}\nLast lines:\n${tail}\nFull log: ${step.logFile}`,
  );
}

/** The causes people can act on, recognised from npm, node-gyp and apt output. */
export function likelyCause(output: string): string {
  if (/\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\b|Temporary failure resolving|Could not resolve/.test(output)) {
    return 'The package registry could not be reached: check the network or proxy, then run again.';
  }
  if (/SELF_SIGNED_CERT|UNABLE_TO_(GET|VERIFY)_ISSUER_CERT|CERT_/.test(output)) {
    return "The registry's TLS certificate was not trusted: set npm's cafile (or NODE_EXTRA_CA_CERTS) for your proxy.";
  }
  if (/\bENOSPC\b|No space left on device/.test(output)) return 'The disk is full.';
  if (/fatal error: [^\n]*\.h: No such file/.test(output)) {
    return 'A C header is missing: install the Debian packages the harness names (run once as root, or with sudo).';
  }
  return 'See the log below.';
}

function seconds(since: number): string {
  const total = Math.round((Date.now() - since) / 1000);
  return total >= 60 ? `${Math.floor(total / 60)} min ${total % 60} s` : `${total} s`;
}
