import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GitRepo {
  dir: string;
  /** Runs git in the repository; returns its stdout (stderr is kept for the error if git fails). */
  git: (...args: string[]) => string;
  /** Writes `text` to `file` (relative to the repository), creating folders as needed. */
  write: (file: string, text: string) => void;
}

/** One way to make a test git repository (workspace fixture, keyscan tests): `git init` in `dir` with a fixed identity and no signing. */
export function createGitRepo(dir: string): GitRepo {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'Test');
  git('config', 'commit.gpgsign', 'false');
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  return { dir, git, write };
}
