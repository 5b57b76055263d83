// One build script, several outputs:
//   dist/extension.js    extension host bundle (node, cjs, `vscode` external)
//   dist/webview/*.js    browser bundles for the webviews
//   dist/cli/*.js        command-line tools shipped in the package (`bin`)
//   out/test/**          integration suites, with --tests (run inside the extension host)
// Flags: --production (minify, no source maps), --watch, --tests.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Browser bundles, one per webview: output name -> entry. Missing entries are skipped. */
const webviewEntries = {
  chat: 'src/webview/chat/main.ts',
  usage: 'src/webview/usage/main.ts',
};

/** Files copied next to the bundles (runtime assets that cannot be bundled). */
const assets = [
  // [from, to]
  // Prompt lens: the tree-sitter runtime and the grammars it loads on first use (src/core/prompts/syntaxParser.ts).
  ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/wasm/web-tree-sitter.wasm'],
  ...['typescript', 'tsx', 'javascript', 'python'].map((grammar) => [
    `node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-${grammar}.wasm`,
    `dist/wasm/tree-sitter-${grammar}.wasm`,
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
 * `@pydantic/genai-prices` bundles every provider's prices (~480 KB). It ships as its own file,
 * dist/genai-prices.js, required on the first price lookup, so the host bundle and activation stay small.
 */
const lazyGenaiPrices = {
  name: 'lazy-genai-prices',
  setup(build) {
    build.onResolve({ filter: /^@pydantic\/genai-prices$/ }, () => ({ path: './genai-prices.js', external: true }));
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
      outdir: 'dist',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      metafile: true,
      plugins: [...common.plugins, lazyGenaiPrices],
    },
    {
      ...common,
      entryPoints: { 'genai-prices': require.resolve('@pydantic/genai-prices') },
      outdir: 'dist',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
    },
  ];
  const webviews = existing(webviewEntries);
  if (Object.keys(webviews).length > 0) {
    list.push({
      ...common,
      entryPoints: webviews,
      outdir: 'dist/webview',
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
      outdir: 'dist/cli',
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
      external: ['vscode', 'mocha'],
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
  if (production) fs.rmSync('dist', { recursive: true, force: true });
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
  if (meta) fs.writeFileSync('dist/meta.json', JSON.stringify(meta));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
