import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from './codeServer';
import { repoRoot } from './paths';

/**
 * A git repository holding test/fixtures/workspace, committed, so suites can rely on git state.
 * Suites may add files; the folder is thrown away after the run.
 */
export function makeWorkspace(): string {
  const workspace = path.join(makeTempDir('workspace'), 'project');
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'Test');
  git('config', 'commit.gpgsign', 'false');
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'fixture');
  return workspace;
}
