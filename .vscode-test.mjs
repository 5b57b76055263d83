// `npm run test:desktop`: the integration suite in desktop VS Code through @vscode/test-electron, for
// machines that can download VS Code. CI runs the same suites in code-server instead (`npm test`).
import { defineConfig } from '@vscode/test-cli';
import { tsImport } from 'tsx/esm/api';

// The suites expect the same git-initialised fixture workspace the code-server run gives them.
const { makeWorkspace } = await tsImport('./test/harness/workspace.ts', import.meta.url);
const workspace = makeWorkspace();

export default defineConfig({
  files: 'out/test/integration/**/*.test.js',
  version: '1.139.1',
  workspaceFolder: workspace,
  env: { CLAUDE_API_TEST_WORKSPACE: workspace, ANTHROPIC_API_KEY: undefined },
  launchArgs: ['--disable-workspace-trust'],
  mocha: { ui: 'bdd', timeout: 60_000, color: true },
});
