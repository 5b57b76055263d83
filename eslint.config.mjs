// Lint: typescript-eslint with type information, so promise mistakes are caught; import-x keeps the layers.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';
import { noImportCycle } from './eslint/noImportCycle.mjs';

const vscodeImport = {
  name: 'vscode',
  message: 'src/core and src/shared stay free of the editor: move this part into an adapter outside core.',
};

/**
 * The layers of src/, lowest first; an import may only go down:
 *   core/, shared/          pure logic, services and protocols: no editor, nothing above them
 *   webview/                the pages: core and shared only
 *   *.ts (config, ctx, …)   the host's basics; ctx.ts assembles the services from core/
 *   <feature>/              one folder per feature: basics, core and shared, never another feature
 *   extension.ts            activate(): registers every feature
 * The CLI is a program of its own over core/. Cycles are refused everywhere (eslint/noImportCycle.mjs).
 */
const features = ['auth', 'chat', 'usage', 'prompts', 'keyscan', 'walkthrough'];
const otherFolders = (own) => [...features, 'cli', 'webview'].filter((folder) => folder !== own).map((folder) => `./src/${folder}`);
const layerZones = [
  { target: ['./src/core', './src/shared'], from: './src', except: ['./core', './shared'], message: 'src/core and src/shared sit below everything else.' },
  { target: './src/webview', from: './src', except: ['./webview', './shared', './core'], message: 'A page imports only src/core and src/shared.' },
  { target: './src/cli', from: './src', except: ['./cli', './core'], message: 'The CLI runs without the editor: src/core only.' },
  { target: './src/!(extension).ts', from: otherFolders(), message: "The host's basics (ctx, config, …) sit below the features: pass what they need in." },
  ...features.map((feature) => ({
    target: `./src/${feature}`,
    from: [...otherFolders(feature), './src/extension.ts'],
    message: 'Features do not import each other: share through ctx, src/core or a basic in src/*.ts.',
  })),
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', 'bench-results/**', 'test/fixtures/**', '*.js', '**/*.mjs', '**/*.d.mts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX, local: { rules: { 'no-import-cycle': noImportCycle } } },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'local/no-import-cycle': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts', 'src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [vscodeImport] }],
    },
  },
  {
    // Tests, benchmarks, scripts and the CLI talk to the terminal on purpose.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-console': 'off',
    },
  },
);
