import * as assert from 'node:assert';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vm from 'node:vm';
import * as ts from 'typescript';
import { toCodeSnippet } from '../../src/core/chat/codeSnippet';
import type { SnippetLanguage } from '../../src/shared/chatProtocol';
import { snippetLanguages } from '../../src/shared/chatProtocol';
import type { SnippetRequest } from '../../src/core/chat/codeSnippet';
import { literal, pythonString, pythonStyle, typescriptString, typescriptTemplate } from '../../src/core/chat/codeSnippetLiterals';
import { conversationSnippet, placeholderMessage } from '../../src/core/chat/codeSnippetConversation';
import { prepareSnippet } from '../../src/core/chat/codeSnippetRequest';
import { createConversation } from '../../src/core/chat/conversation';
import type { Conversation } from '../../src/core/chat/conversation';
import { startFakeAnthropic } from '../server/fakeAnthropic';
import type { FakeAnthropic } from '../server/fakeAnthropic';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '..', '..');

/** Texts that break naive escaping in at least one of the three languages. */
const hostileTexts = [
  `It's a "quoted" word`,
  'C:\\path\\new\\table and a trailing backslash \\',
  'line one\nline two\r\nline three\n',
  '${process.exit(1)} and `backticks` and \\${escaped}',
  `'''single triple''' and """double triple"""`,
  'unicode: é ü 中文 😀 👩‍💻',
  'separators \u2028 and \u2029 and BOM \ufeff',
  'controls \u0000 \u0007 \u001b[31mred\u001b[0m \u007f \u0085',
  'lone surrogates \ud800 and \udfff',
  '$HOME $(whoami) `id` \'; rm -rf / #',
  'tab\there',
  '',
  '\n',
  'JSON\n',
];

/** A key of the real shape, built at run time so no key-shaped string sits in the repository. */
function fakeLookingKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  const body = [...randomBytes(93)].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `sk-ant-api03-${body}AA`;
}

/** Evaluates Python literals with python3 and returns their values (via JSON). */
async function pythonValues(literals: string[]): Promise<unknown[]> {
  const script = 'import ast, json, sys\nprint(json.dumps([ast.literal_eval(s) for s in json.load(sys.stdin)]))';
  return JSON.parse(await pipe('python3', ['-c', script], JSON.stringify(literals))) as unknown[];
}

/** Runs a command with `input` on stdin and resolves to its stdout. */
function pipe(command: string, args: string[], input: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} failed: ${error.message}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin?.end(input);
  });
}

const conversation: SnippetRequest = {
  model: 'claude-sonnet-4-6',
  max_tokens: 4096,
  system: hostileTexts.slice(0, 5).join('\n'),
  thinking: { type: 'enabled', budget_tokens: 2048, display: 'summarized' },
  messages: [
    { role: 'user', content: hostileTexts.slice(0, 7).join(' | ') },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'Considering it.', signature: 'c2lnbmF0dXJl' },
        { type: 'text', text: hostileTexts.slice(5, 11).join('\n') },
      ],
    },
    { role: 'user', content: 'Short follow-up: ${x} `y` "z" \'w\'' },
  ],
};

describe('codeSnippet: string literals', () => {
  it('TypeScript single-quoted strings read back as the same text', () => {
    for (const text of hostileTexts) {
      const source = typescriptString(text);
      assert.ok(!source.includes('\n'), 'stays on one line');
      assert.strictEqual(vm.runInNewContext(source), text, source);
    }
  });

  it('TypeScript template literals read back as the same text and never interpolate', () => {
    for (const text of hostileTexts) {
      const source = typescriptTemplate(text);
      assert.strictEqual(vm.runInNewContext(source, { process: { exit: () => assert.fail('interpolated') } }), text, source);
    }
  });

  it('Python strings read back as the same text', async () => {
    const sources = hostileTexts.map(pythonString);
    assert.ok(sources.every((source) => !source.includes('\n')));
    // Multi-line values are written as parenthesised adjacent literals; they must read back too.
    const multiline = hostileTexts.map((text) => literal(text, pythonStyle, '    '));
    assert.deepStrictEqual(await pythonValues([...sources, ...multiline]), [...hostileTexts, ...hostileTexts]);
  });
});

describe('codeSnippet: the request it reproduces', () => {
  it('drops earlier thinking blocks, keeps text as a plain string and the parameters as sent', () => {
    const { body } = prepareSnippet(conversation);
    assert.deepStrictEqual(Object.keys(body), ['model', 'max_tokens', 'system', 'thinking', 'messages']);
    assert.deepStrictEqual(body.messages[1], { role: 'assistant', content: hostileTexts.slice(5, 11).join('\n') });
    assert.deepStrictEqual(body.thinking, { type: 'enabled', budget_tokens: 2048, display: 'summarized' });
  });

  it('leaves out an empty system prompt, a thinking-only turn and the public base URL', () => {
    const prepared = prepareSnippet(
      {
        model: 'claude-haiku-4-5',
        max_tokens: 100,
        system: '  ',
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'opaque' }] },
          { role: 'user', content: 'b' },
        ],
      },
      { baseUrl: 'https://api.anthropic.com/' },
    );
    assert.deepStrictEqual(prepared.body, {
      model: 'claude-haiku-4-5',
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ],
    });
    assert.strictEqual(prepared.baseUrl, undefined);
  });

  it('strips credentials from a gateway base URL and rejects one that is not http(s)', () => {
    assert.strictEqual(prepareSnippet(conversation, { baseUrl: 'https://me:secret@gateway.example.com/v/' }).baseUrl, 'https://gateway.example.com/v');
    assert.throws(() => toCodeSnippet('curl', conversation, { baseUrl: 'ftp://example.com' }), /http:\/\/ or https:\/\//);
    const key = fakeLookingKey();
    assert.throws(
      () => toCodeSnippet('curl', conversation, { baseUrl: `not a url ${key}` }),
      (error: Error) => /not a valid URL/.test(error.message) && !error.message.includes(key),
    );
  });

  it('never embeds a key: keys pasted into the conversation are masked in every language', () => {
    const key = fakeLookingKey();
    const leaky: SnippetRequest = {
      ...conversation,
      system: `Use the key ${key} for testing`,
      messages: [{ role: 'user', content: [{ type: 'text', text: `my key is ${key}` }, { type: 'text', text: key }] }],
    };
    for (const language of Object.keys(snippetLanguages) as SnippetLanguage[]) {
      const snippet = toCodeSnippet(language, leaky);
      assert.ok(!/sk-ant-[A-Za-z0-9_-]{16,}/.test(snippet), `${language} snippet holds a key-shaped string`);
      assert.ok(!snippet.includes(key.slice(13, 40)), `${language} snippet holds part of the key`);
      assert.match(snippet, /ANTHROPIC_API_KEY/);
      assert.match(snippet, /3 key-shaped string\(s\) in the conversation were masked/);
    }
  });
});

describe('codeSnippet: the snippets run', function () {
  this.timeout(60_000);
  let server: FakeAnthropic;
  const workDir = path.join(repoRoot, 'out', `snippet-test-${process.pid}`);
  const apiKey = 'snippet-test-key';

  before(async () => {
    server = await startFakeAnthropic({ validKeys: [apiKey] });
    fs.mkdirSync(workDir, { recursive: true });
  });
  after(async () => {
    await server.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });
  beforeEach(() => server.reset());

  const env = () => ({ ...process.env, ANTHROPIC_API_KEY: apiKey, ANTHROPIC_BASE_URL: '' });
  const expectedBody = () => JSON.parse(JSON.stringify(prepareSnippet(conversation).body)) as unknown;

  it('TypeScript: type-checks against the installed SDK and streams a reply from the (fake) API', async () => {
    const file = path.join(workDir, 'claude.ts');
    fs.writeFileSync(file, toCodeSnippet('typescript', conversation, { baseUrl: server.url }));
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    assert.deepStrictEqual(problems, []);

    server.enqueue({ kind: 'reply', text: 'Reply from the fake API.', thinking: 'Thinking aloud.' });
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', file], { cwd: repoRoot, env: env() });
    assert.match(stdout, /^Reply from the fake API\.\n\n\[end_turn\] \d+ input tokens, \d+ output tokens\n$/);
    assert.match(stderr, /Thinking aloud\./);
    const [request] = server.requests;
    assert.strictEqual(request.auth, 'bearer');
    assert.strictEqual(request.keyAccepted, true);
    assert.deepStrictEqual({ ...(request.body as object), stream: undefined }, { ...(expectedBody() as object), stream: undefined });
  });

  it('curl: sends exactly the conversation and streams server-sent events', async () => {
    const snippet = toCodeSnippet('curl', conversation, { baseUrl: server.url });
    const { stdout } = await run('bash', ['-c', snippet], { env: env() });
    assert.match(stdout, /^event: message_start\n/);
    assert.match(stdout, /event: message_stop\n/);
    const [request] = server.requests;
    assert.strictEqual(request.auth, 'x-api-key');
    assert.strictEqual(request.headers['anthropic-version'], '2026-10-21');
    assert.deepStrictEqual(request.body, { ...(expectedBody() as object), stream: true });
  });

  it('Python: parses, and its stream() arguments are exactly the conversation', async () => {
    const snippet = toCodeSnippet('python', conversation, { baseUrl: 'https://gateway.example.com' });
    const script = [
      'import ast, json, sys',
      'tree = ast.parse(sys.stdin.read())',
      'calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "stream"]',
      'clients = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "Anthropic"]',
      'print(json.dumps({',
      '  "stream": {k.arg: ast.literal_eval(k.value) for k in calls[0].keywords},',
      '  "client": [k.arg for k in clients[0].keywords],',
      '  "base_url": [ast.literal_eval(k.value) for k in clients[0].keywords if k.arg == "base_url"],',
      '}))',
    ].join('\n');
    const parsed = JSON.parse(await pipe('python3', ['-c', script], snippet)) as { stream: unknown; client: string[]; base_url: string[] };
    assert.deepStrictEqual(parsed.stream, expectedBody());
    assert.deepStrictEqual(parsed.client, ['api_key', 'base_url']);
    assert.deepStrictEqual(parsed.base_url, ['https://gateway.example.com']);
    assert.match(snippet, /api_key=os\.environ\["ANTHROPIC_API_KEY"\]/);
  });

  it('keeps short messages on one line and breaks long ones', () => {
    const snippet = toCodeSnippet('typescript', conversation);
    assert.match(snippet, /^ {6}\{ role: 'user', content: 'Short follow-up: \$\{x\} `y` "z" \\'w\\'' \},$/m);
    assert.ok(snippet.split('\n').every((line) => !line.startsWith('\t')));
    assert.ok(!snippet.includes('baseURL'), 'the public API needs no base URL');
  });
});

describe('codeSnippet: from a stored conversation', () => {
  const parameters = { model: 'claude-opus-4-7', systemPrompt: 'Answer in French.', maxTokens: 2000, thinking: { enabled: true, budgetTokens: 1024 } };

  function conversationWith(turns: Conversation['turns']): Conversation {
    return { ...createConversation('c-1', parameters, 0), turns };
  }

  it('asks again for the latest reply: trailing assistant turns are left out', () => {
    const conversation = conversationWith([
      { role: 'user', id: 'u1', text: 'Bonjour ?', createdAt: 1 },
      { role: 'assistant', id: 'a1', createdAt: 2, model: 'claude-opus-4-7', status: 'complete', blocks: [{ type: 'thinking', thinking: 't', signature: 's' }, { type: 'text', text: 'Salut.' }] },
      { role: 'user', id: 'u2', text: 'Et ensuite ?', createdAt: 3 },
      { role: 'assistant', id: 'a2', createdAt: 4, model: 'claude-opus-4-7', status: 'interrupted', blocks: [{ type: 'text', text: 'Ensuite' }] },
    ]);
    const curl = conversationSnippet('curl', conversation);
    const body = JSON.parse(/<<'JSON'\n([\s\S]*)\nJSON\n/.exec(curl)?.[1] ?? '{}') as Record<string, unknown>;
    assert.deepStrictEqual(body, {
      model: 'claude-opus-4-7',
      max_tokens: 2000,
      system: 'Answer in French.',
      thinking: { type: 'enabled', budget_tokens: 1024, display: 'summarized' },
      messages: [
        { role: 'user', content: 'Bonjour ?' },
        { role: 'assistant', content: 'Salut.' },
        { role: 'user', content: 'Et ensuite ?' },
      ],
      stream: true,
    });
  });

  it('gives an empty conversation a placeholder question so the snippet still runs', () => {
    const typescript = conversationSnippet('typescript', conversationWith([]), { baseUrl: 'http://127.0.0.1:9/' });
    assert.match(typescript, new RegExp(`content: '${placeholderMessage}'`));
    assert.match(typescript, /baseURL: 'http:\/\/127\.0\.0\.1:9'/);
  });
});
