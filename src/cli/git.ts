// Git facts for the CLI, through the git command line (the editor uses VS Code's git extension).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { safeGitOptions } from '../core/keyscan/safeGit';

const maxBuffer = 1024 * 1024 * 1024;

function run(cwd: string, args: string[], input?: string): string | undefined {
  try {
    return execFileSync('git', [...safeGitOptions, ...args], { cwd, encoding: 'utf8', maxBuffer, input, stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** `run` without waiting: git lists the index and HEAD while the files are being scanned. */
function runLater(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', [...safeGitOptions, ...args], { cwd, encoding: 'utf8', maxBuffer }, (error, stdout) => resolve(error ? undefined : stdout));
  });
}

export interface Repository {
  /** The repository's top folder. */
  root: string;
  /** The hash git names objects by (`sha1`, or `sha256` in repositories made that way). */
  format: 'sha1' | 'sha256';
}

/** The repository holding `dir` (one git process), or undefined outside git. */
export function repositoryOf(dir: string): Repository | undefined {
  const both = run(dir, ['rev-parse', '--show-toplevel', '--show-object-format'])?.trim().split('\n');
  if (both?.length === 2) return { root: both[0], format: both[1] === 'sha256' ? 'sha256' : 'sha1' };
  // git before 2.25 knows no --show-object-format, and only sha1.
  const root = run(dir, ['rev-parse', '--show-toplevel'])?.trim();
  return root ? { root, format: 'sha1' } : undefined;
}

/** Object ids of every file in the index (stage 0), by path relative to `root`. */
export async function indexObjectIds(root: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const entry of nulList(await runLater(root, ['ls-files', '-s', '-z']))) {
    const match = /^\d+ ([0-9a-f]+) 0\t(.*)$/s.exec(entry);
    if (match) ids.set(match[2], match[1]);
  }
  return ids;
}

/** Object ids of every file in HEAD, by path relative to `root` (empty before the first commit). */
export async function headObjectIds(root: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const entry of nulList(await runLater(root, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD']))) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (match) ids.set(match[2], match[1]);
  }
  return ids;
}

function nulList(output: string | undefined): string[] {
  return (output ?? '').split('\0').filter(Boolean);
}

/** Files with staged additions or modifications (relative to `root`). */
export function stagedFiles(root: string, pathspecs: string[]): string[] {
  return nulList(run(root, ['diff', '--cached', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR', '--', ...pathspecs]));
}

/** A blob read from git: its bytes, or why it was not read. */
export type Blob = { kind: 'bytes'; bytes: Buffer } | { kind: 'too-large' } | { kind: 'missing' };

/**
 * Many blobs in two git processes, each spec `HEAD:<path>` or `:<path>` (the index): `cat-file
 * --batch-check` gives their sizes, then `cat-file --batch` reads the ones within `maxBytes`. Paths
 * holding a newline cannot be asked this way and come back missing.
 */
export function blobs(root: string, specs: readonly string[], maxBytes: number): Map<string, Blob> {
  const result = new Map<string, Blob>(specs.map((spec) => [spec, { kind: 'missing' }]));
  const sizes = batch(root, '--batch-check', specs.filter((spec) => !spec.includes('\n')));
  const wanted = [...sizes].filter(([, size]) => size <= maxBytes).map(([spec]) => spec);
  for (const [spec, size] of sizes) if (size > maxBytes) result.set(spec, { kind: 'too-large' });
  for (const [spec, bytes] of batch(root, '--batch', wanted)) result.set(spec, { kind: 'bytes', bytes });
  return result;
}

/** Runs `git cat-file <mode>` over `specs`: each blob's size (`--batch-check`) or bytes (`--batch`). */
function batch(root: string, mode: '--batch-check', specs: readonly string[]): Map<string, number>;
function batch(root: string, mode: '--batch', specs: readonly string[]): Map<string, Buffer>;
function batch(root: string, mode: '--batch-check' | '--batch', specs: readonly string[]): Map<string, number | Buffer> {
  const result = new Map<string, number | Buffer>();
  if (specs.length === 0) return result;
  let output: Buffer;
  try {
    output = execFileSync('git', [...safeGitOptions, 'cat-file', mode], { cwd: root, maxBuffer, input: specs.join('\n') + '\n', stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    return result;
  }
  let at = 0;
  for (const spec of specs) {
    const headerEnd = output.indexOf(10, at);
    if (headerEnd === -1) break;
    const header = output.toString('utf8', at, headerEnd);
    at = headerEnd + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) continue; // "<spec> missing" or ambiguous
    const size = Number(match[2]);
    if (mode === '--batch') {
      if (match[1] === 'blob') result.set(spec, output.subarray(at, at + size));
      at += size + 1;
    } else if (match[1] === 'blob') {
      result.set(spec, size);
    }
  }
  return result;
}

/**
 * Which files git ignores (`git check-ignore`, exact). The git process starts with the scan (starting
 * a process costs the most while the scan is busy) and is asked, in one write, about the files that held
 * keys once the scan is done. Tracked files are never reported (ignore rules do not apply to them).
 */
export class IgnoredFiles {
  private readonly git;
  private readonly answer: Promise<Set<string>>;
  private readonly asked: string[] = [];

  constructor(root: string) {
    this.git = spawn('git', [...safeGitOptions, 'check-ignore', '--stdin', '-z'], { cwd: root, stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    this.git.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A git that fails (or is missing) ignores nothing.
    this.git.stdin.on('error', () => undefined);
    this.answer = new Promise((resolve) => {
      this.git.on('error', () => resolve(new Set()));
      this.git.on('close', () => resolve(new Set(nulList(Buffer.concat(chunks).toString('utf8')))));
    });
  }

  /** Notes one root-relative path to ask about. */
  ask(relative: string): void {
    this.asked.push(relative);
  }

  /** The ignored paths among those noted (no more questions after this). */
  ignored(): Promise<Set<string>> {
    if (!this.git.stdin.writableEnded) this.git.stdin.end(this.asked.map((relative) => `${relative}\0`).join(''));
    return this.answer;
  }
}
