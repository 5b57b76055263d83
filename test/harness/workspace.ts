import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTempDir } from './codeServer';
import { createGitRepo } from './gitRepo';
import { repoRoot } from './paths';

/**
 * A git repository holding test/fixtures/workspace, committed, so suites can rely on git state.
 * Suites may add files; the folder is thrown away after the run.
 */
export function makeWorkspace(): string {
  const workspace = path.join(makeTempDir('workspace'), 'project');
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const { git } = createGitRepo(workspace);
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'fixture');
  return workspace;
}
