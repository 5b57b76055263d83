// Chat page rendering: stream a ~200 KB markdown reply (many code blocks, tables, lists) into the real
// page bundle in headless Chromium, as thousands of `didAppendText` messages through the page's own
// message listener, one animation frame per message. Reports total time, mean time per update over the
// first and last 10 % of updates (their ratio must stay near 1: work per update must not grow with the
// reply), and the same figures for a naive baseline that re-renders the whole reply per update (same
// renderer, sanitizer and code toolbars), measured in the same run at sampled updates (see
// `baselineSamples`: timing all of them would take hours).
//
// Each update's time covers message handling, markdown rendering, sanitizing, DOM changes and the
// layout the page forces when it keeps the list scrolled to the bottom (not paint). Animation frames are
// driven by the benchmark (a stub `requestAnimationFrame`), so no time is spent waiting for vsync.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';
import type { ChatState, ToWebviewMessage } from '../src/shared/chatProtocol';
import { parameterLimits } from '../src/shared/chatProtocol';
import { chromiumArgs } from '../test/harness/browser';
import { chromiumPath, repoRoot } from '../test/harness/paths';
import { largeMarkdown } from '../test/server/largeMarkdown';
import { report } from './report';

const replyBytes = 200_000;
const deltaCount = 3000;
const baselineSamplesPerWindow = 8;

/** Splits `text` into about `count` deltas of varying size (deterministic), like a coalesced stream. */
function toDeltas(text: string, count: number): string[] {
  const mean = text.length / count;
  const deltas: string[] = [];
  let seed = 7;
  for (let at = 0; at < text.length; ) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const size = Math.max(1, Math.round(mean * (0.5 + (seed % 1000) / 1000)));
    deltas.push(text.slice(at, at + size));
    at += size;
  }
  return deltas;
}

async function bundle(dir: string): Promise<void> {
  const common: esbuild.BuildOptions = {
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.css': 'css' },
    logLevel: 'error',
  };
  await esbuild.build({ ...common, entryPoints: { chat: path.join(repoRoot, 'src/webview/chat/main.ts') }, outdir: dir });
  await esbuild.build({ ...common, entryPoints: { naive: path.join(repoRoot, 'bench/fixtures/naiveChatRender.ts') }, outdir: dir });
}

/**
 * The test page: VS Code's API stubbed, animation frames run on demand, a sidebar-sized body and a
 * few theme variables (the page reads only --vscode-* variables).
 */
function pageHtml(script: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="chat.css">
<style>body { --vscode-font-family: sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace;
  --vscode-foreground: #ccc; background: #1e1e1e; }</style>
<script>
  // tsx compiles the functions passed to page.evaluate with esbuild's keepNames, which calls __name.
  window.__name = (target) => target;
  window.posted = [];
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.posted.push(m), getState: () => undefined, setState: () => {} });
  window.pendingFrames = [];
  window.requestAnimationFrame = (callback) => window.pendingFrames.push(callback);
  window.runFrames = () => { for (const callback of window.pendingFrames.splice(0)) callback(performance.now()); };
</script></head><body><div id="app"></div><script src="${script}"></script></body></html>`;
}

function initialState(): ChatState {
  return {
    conversations: [{ id: 'c1', title: 'Benchmark', updatedAt: Date.now(), turnCount: 2 }],
    active: {
      id: 'c1',
      title: 'Benchmark',
      parameters: { model: 'claude-sonnet-4-5', systemPrompt: '', maxTokens: 64000, thinking: { enabled: false, budgetTokens: 1024 } },
      turns: [{ role: 'user', id: 'u1', text: 'Walk me through the pipeline.', createdAt: Date.now() }],
    },
    models: [{ id: 'claude-sonnet-4-5', displayName: 'Claude Sonnet 4.5' }],
    modelsOffline: false,
    attachments: [],
    key: { hasKey: true, profileName: 'default' },
    busy: true,
    limits: parameterLimits,
  };
}

interface Run {
  times: number[];
  text: string;
}

/** Streams the deltas into the real page through its message listener; one frame per message. */
async function runIncremental(page: Page, deltas: string[]): Promise<Run> {
  const before: ToWebviewMessage[] = [
    { type: 'didInitialize', state: initialState() },
    { type: 'didStartReply', conversationId: 'c1', turnId: 't1', resumed: false },
    { type: 'didStartBlock', turnId: 't1', index: 0, kind: 'text' },
  ];
  const after: ToWebviewMessage[] = [
    { type: 'didEndBlock', turnId: 't1', index: 0 },
    { type: 'didEndReply', turnId: 't1', footer: { model: 'claude-sonnet-4-5', inputTokens: 20, outputTokens: 50000, cacheReadTokens: 0, approximate: false } },
  ];
  return page.evaluate(
    ({ deltas, before, after }) => {
      const w = window as unknown as { runFrames(): void };
      const post = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data }));
      before.forEach(post);
      w.runFrames();
      const times: number[] = [];
      for (const text of deltas) {
        const start = performance.now();
        post({ type: 'didAppendText', turnId: 't1', index: 0, text });
        w.runFrames();
        times.push(performance.now() - start);
      }
      after.forEach(post);
      w.runFrames();
      return { times, text: document.querySelector('.turn[data-role="assistant"] .markdown')?.textContent ?? '' };
    },
    { deltas, before, after },
  );
}

/**
 * Update numbers the baseline is timed at. A naive update re-renders everything so far, so its cost
 * depends only on how much text has arrived; timing every one of ~3,000 updates would take hours on
 * this machine (seconds each near the end). Instead: `perWindow` updates spread over the first 10 %,
 * as many over the last 10 %, and `perWindow` more across the middle for the total.
 */
function baselineSamples(count: number, perWindow: number): number[] {
  const tenth = Math.max(1, Math.floor(count / 10));
  const spread = (from: number, to: number) => Array.from({ length: perWindow }, (_, i) => Math.round(from + ((to - from) * i) / Math.max(1, perWindow - 1)));
  return [...new Set([...spread(0, tenth - 1), ...spread(tenth, count - tenth - 1), ...spread(count - tenth, count - 1)])].sort((a, b) => a - b);
}

/** The baseline: the same renderer, re-rendering the whole text so far at update `n`, then the same forced layout. */
async function runNaive(page: Page, deltas: string[], samples: number[]): Promise<{ times: Map<number, number>; text: string }> {
  const ends: number[] = [];
  let length = 0;
  for (const delta of deltas) ends.push((length += delta.length));
  const text = deltas.join('');
  const times = new Map<number, number>();
  for (const n of samples) {
    // One evaluate per sample keeps each call short (and lets the page collect garbage in between).
    const ms = await page.evaluate((textSoFar) => {
      const start = performance.now();
      (window as unknown as { naiveRender: (text: string) => void }).naiveRender(textSoFar);
      void document.body.scrollHeight;
      return performance.now() - start;
    }, text.slice(0, ends[n]));
    times.set(n, ms);
  }
  const finalText = await page.evaluate(() => document.querySelector('.markdown')?.textContent ?? '');
  return { times, text: finalText };
}

/** Baseline figures from the samples: window means, and the total by trapezoids over all update numbers. */
function summarizeSamples(times: Map<number, number>, count: number): { total: number; first: number; last: number; max: number } {
  const tenth = Math.max(1, Math.floor(count / 10));
  const points = [...times.entries()].sort((a, b) => a[0] - b[0]);
  let total = points[0][1] * (points[0][0] + 1);
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    total += ((y0 + y1) / 2) * (x1 - x0);
  }
  const inRange = (from: number, to: number) => points.filter(([n]) => n >= from && n <= to).map(([, ms]) => ms);
  return {
    total,
    first: mean(inRange(0, tenth - 1)),
    last: mean(inRange(count - tenth, count - 1)),
    max: Math.max(...points.map(([, ms]) => ms)),
  };
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function summarize(times: number[]): { total: number; first: number; last: number; firstMedian: number; lastMedian: number } {
  const tenth = Math.max(1, Math.floor(times.length / 10));
  const first = times.slice(0, tenth);
  const last = times.slice(-tenth);
  return { total: times.reduce((sum, t) => sum + t, 0), first: mean(first), last: mean(last), firstMedian: median(first), lastMedian: median(last) };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-render-bench-'));
  await bundle(dir);
  fs.writeFileSync(path.join(dir, 'index.html'), pageHtml('chat.js'));
  fs.writeFileSync(path.join(dir, 'naive.html'), pageHtml('naive.js'));
  const text = largeMarkdown(replyBytes);
  const deltas = toDeltas(text, deltaCount);
  const kb = (Buffer.byteLength(text) / 1024).toFixed(0);
  console.log(`# reply ${kb} KB in ${deltas.length} deltas; bundle ${(fs.statSync(path.join(dir, 'chat.js')).size / 1024).toFixed(0)} KB minified`);

  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const open = async (file: string) => {
      const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      await page.goto(pathToFileURL(path.join(dir, file)).href);
      return page;
    };
    const incrementalPage = await open('index.html');
    await incrementalPage.waitForFunction(() => (window as unknown as { posted: { type: string }[] }).posted.some((m) => m.type === 'ready'));
    const incremental = await runIncremental(incrementalPage, deltas);
    await incrementalPage.close();
    const samples = baselineSamples(deltas.length, baselineSamplesPerWindow);
    const naivePage = await open('naive.html');
    const naive = await runNaive(naivePage, deltas, [...samples, deltas.length - 1]);
    await naivePage.close();

    // Both must show the same text, or the comparison (and the incremental renderer) is wrong.
    const normalize = (value: string) => value.replace(/\s+/g, ' ').trim();
    if (normalize(incremental.text) !== normalize(naive.text)) {
      throw new Error(`incremental and naive rendering differ (${incremental.text.length} vs ${naive.text.length} characters)`);
    }

    const inc = summarize(incremental.times);
    const base = summarizeSamples(naive.times, deltas.length);
    console.log(`# baseline timed at ${naive.times.size} of ${deltas.length} updates (total interpolated); incremental timed at every update`);
    report('chatRender.total', inc.total, 'ms', { value: base.total });
    report('chatRender.perUpdateFirst10pct', inc.first, 'ms', { value: base.first });
    report('chatRender.perUpdateLast10pct', inc.last, 'ms', { value: base.last });
    report('chatRender.lastOverFirst', inc.last / inc.first, 'x', { value: base.last / base.first });
    // Medians too: on a busy 2-core machine a few garbage collections or preemptions move the means.
    report('chatRender.medianFirst10pct', inc.firstMedian, 'ms');
    report('chatRender.medianLast10pct', inc.lastMedian, 'ms');
    report('chatRender.maxUpdate', Math.max(...incremental.times), 'ms', { value: base.max });
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
