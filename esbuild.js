// One build script, several outputs:
//   dist/extension.js    extension host bundle (node, cjs, `vscode` external): only what activation needs
//   dist/<lazy>.js       parts the host loads on first use (see `lazyModules`)
//   dist/webview/*.js    browser bundles for the webviews
//   dist/cli/*.js        command-line tools shipped in the package (`bin`)
//   out/test/**          integration suites, with --tests (run inside the extension host)
// Flags: --production (minify, no source maps, size budget checked), --watch, --tests,
// --dist=DIR (write what goes to dist/ there instead), --no-lazy (lazy modules inlined into the host
// bundle: the start-up bench's baseline, never shipped).
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const lazy = !process.argv.includes('--no-lazy');
const dist = process.argv.find((arg) => arg.startsWith('--dist='))?.slice('--dist='.length) || 'dist';

/** Browser bundles, one per webview: output name -> entry. Missing entries are skipped. */
const webviewEntries = {
  chat: 'src/webview/chat/main.ts',
  usage: 'src/webview/usage/main.ts',
};

/** Files copied next to the bundles (runtime assets that cannot be bundled). */
const assets = [
  // [from, to]
  // Prompt lens: the tree-sitter runtime and the grammars it loads on first use (src/core/prompts/syntaxParser.ts).
  ['node_modules/web-tree-sitter/web-tree-sitter.wasm', `${dist}/wasm/web-tree-sitter.wasm`],
  ...['typescript', 'tsx', 'javascript', 'python'].map((grammar) => [
    `node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-${grammar}.wasm`,
    `${dist}/wasm/tree-sitter-${grammar}.wasm`,
  ]),
];

/** Reports errors in the format of VS Code's esbuild problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: watch ? [problemMatcher] : [],
};

/**
 * Parts of the extension that activation does not need, each shipped as its own file next to the host
 * bundle: output name -> what the source imports (a package, or a file under src/). esbuild's cjs output
 * cannot split code, so the host build marks these imports external and rewrites them to
 * `require('./<name>.js')`, run where the source calls `await import(...)` (or `require(...)` inside a
 * function). Unbundled (unit tests, tsx) the same import loads the package or file itself.
 */
const lazyModules = {
  // Anthropic client (~450 KB with its helpers): the first chat message, key check or exact count.
  sdk: '@anthropic-ai/sdk',
  // Parser runtime of the prompt lens (the grammars are wasm files in dist/wasm): the first scanned file.
  treeSitter: 'web-tree-sitter',
  // Every provider's prices (~480 KB): the first price lookup that our own table cannot answer.
  'genai-prices': '@pydantic/genai-prices',
  // `Claude API: Scan Git History for Keys`.
  gitHistoryScan: './src/keyscan/scanGitHistory.ts',
};

/** Host bundle budget (minified): what every VS Code window pays for at start-up. */
const hostBudgetBytes = 300 * 1024;

const isSourceFile = (target) => target.startsWith('./');

/**
 * Host build: imports of a lazy module become external requires of its own file. A static import would
 * load it at activation anyway, so it fails the build.
 */
const lazyModuleImports = {
  name: 'lazy-modules',
  setup(build) {
    const byTarget = new Map(Object.entries(lazyModules).map(([name, target]) => [isSourceFile(target) ? path.resolve(target) : target, name]));
    build.onResolve({ filter: /.*/ }, (args) => {
      const resolved = args.path.startsWith('.') ? path.resolve(args.resolveDir, args.path) : args.path;
      const name = byTarget.get(resolved) ?? byTarget.get(`${resolved}.ts`);
      if (!name) return undefined;
      if (args.kind === 'import-statement') {
        return { errors: [{ text: `${args.path} is loaded on first use (dist/${name}.js): use \`await import()\` or \`import type\`, not a static import` }] };
      }
      return { path: `./${name}.js`, external: true };
    });
  },
};

/** Modules the host's source files import with `import * as`: each is wrapped once, not once per file. */
const sharedNamespaces = ['vscode', 'node:fs', 'node:path'];

/**
 * esbuild wraps an external CommonJS module for every file that does `import * as x from 'm'`, copying
 * each of its exports (about 250 for `vscode`, dozens of files): milliseconds at every start-up. Routing
 * those imports through one ES module that re-exports `m` wraps it once.
 */
const sharedNamespaceImports = {
  name: 'shared-namespaces',
  setup(build) {
    const filter = new RegExp(`^(${sharedNamespaces.map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) =>
      args.namespace === 'shared-namespace' ? { path: args.path, external: true } : { path: args.path, namespace: 'shared-namespace' },
    );
    build.onLoad({ filter: /.*/, namespace: 'shared-namespace' }, (args) => ({ contents: `export * from ${JSON.stringify(args.path)};`, loader: 'js' }));
  },
};

// Some dependencies (web-tree-sitter) read import.meta.url; a cjs bundle has no such thing.
const importMetaUrl = {
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

function existing(entries) {
  return Object.fromEntries(Object.entries(entries).filter(([, file]) => fs.existsSync(file)));
}

function builds() {
  const list = [
    {
      ...common,
      ...importMetaUrl,
      entryPoints: { extension: 'src/extension.ts' },
      outdir: dist,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      // Makes esbuild turn `import()` of a lazy module into a `require` when it runs (see lazyModules).
      supported: { 'dynamic-import': false },
      metafile: true,
      plugins: [...common.plugins, sharedNamespaceImports, ...(lazy ? [lazyModuleImports] : [])],
    },
  ];
  if (lazy) {
    list.push({
      ...common,
      ...importMetaUrl,
      entryPoints: lazyModules,
      outdir: dist,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
    });
  }
  const webviews = existing(webviewEntries);
  if (Object.keys(webviews).length > 0) {
    list.push({
      ...common,
      entryPoints: webviews,
      outdir: `${dist}/webview`,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      loader: { '.css': 'css' },
    });
  }
  const clis = existing({ keyscan: 'src/cli/keyscan.ts' });
  if (Object.keys(clis).length > 0) {
    list.push({
      ...common,
      ...importMetaUrl,
      banner: { js: '#!/usr/bin/env node\n' + importMetaUrl.banner.js },
      entryPoints: clis,
      outdir: `${dist}/cli`,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
    });
  }
  if (tests) {
    list.push({
      ...common,
      ...importMetaUrl,
      minify: false,
      sourcemap: true,
      entryPoints: integrationEntries(),
      outdir: 'out/test/integration',
      outbase: 'test/integration',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // mocha is bundled: it is ESM-only, and the extension host of the oldest VS Code we test runs a Node 20
      // that cannot require() ES modules (before 20.19). Only its parallel mode, unused here, resolves files
      // of its own at run time.
      external: ['vscode'],
      logOverride: { 'require-resolve-not-external': 'silent' },
    });
  }
  return list;
}

/**
 * Integration suites to compile. TEST_FILES (comma-separated name parts, set by `npm test -- --files`)
 * narrows it, so one suite can be built and run while others are being edited.
 */
function integrationEntries() {
  const only = (process.env.TEST_FILES || '').split(',').filter(Boolean);
  return listFiles('test/integration', /\.ts$/).filter(
    (file) => !file.endsWith('.test.ts') || only.length === 0 || only.some((part) => file.includes(part)),
  );
}

function listFiles(dir, pattern) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .map((name) => path.join(dir, String(name)))
    .filter((file) => pattern.test(file) && fs.statSync(file).isFile());
}

function copyAssets() {
  for (const [from, to] of assets) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  }
}

/** Output left over from an earlier build (a development build's source maps, a deleted suite) must not ship or run. */
function cleanOutputs() {
  if (production) fs.rmSync(dist, { recursive: true, force: true });
  if (tests) fs.rmSync('out/test/integration', { recursive: true, force: true });
}

async function main() {
  cleanOutputs();
  copyAssets();
  const contexts = await Promise.all(builds().map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  const meta = results[0].metafile;
  if (meta) fs.writeFileSync(`${dist}/meta.json`, JSON.stringify(meta));
  if (production && lazy) reportSizes();
}

/** Prints the size of every node bundle and fails when the host bundle is over its budget. */
function reportSizes() {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const host = fs.statSync(`${dist}/extension.js`).size;
  console.log(`host bundle dist/extension.js: ${kb(host)} (budget ${kb(hostBudgetBytes)})`);
  for (const name of Object.keys(lazyModules)) console.log(`  loaded on first use: dist/${name}.js ${kb(fs.statSync(`${dist}/${name}.js`).size)}`);
  if (host > hostBudgetBytes) {
    console.error(`dist/extension.js is over its budget: load the new part on first use (lazyModules in esbuild.js)`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
