import * as assert from 'node:assert';
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { scanText } from '../../src/core/keyscan/scanText';
import type { KeyFinding } from '../../src/core/keyscan/finding';
import { families, makeKey, randomBody } from '../fixtures/keyscan/generate';

/** The one finding in `text`, checked to cover exactly `key`. */
function only(text: string, key: string): KeyFinding {
  const findings = scanText(text);
  assert.strictEqual(findings.length, 1, `expected one finding, got ${findings.length}`);
  const [finding] = findings;
  assert.strictEqual(finding.revealKey(), key);
  return finding;
}

function assertPlainAt(text: string, key: string): void {
  const finding = only(text, key);
  assert.strictEqual(text.slice(finding.start, finding.end), key);
  assert.strictEqual(finding.encoding, 'plain');
}

describe('keyscan: families', () => {
  const kinds: [keyof typeof families, string][] = [
    ['api03', 'anthropic-api-key'],
    ['admin01', 'anthropic-admin-key'],
    ['api01', 'anthropic-api01-key'],
    ['oat01', 'anthropic-oauth-access-token'],
    ['ort01', 'anthropic-oauth-refresh-token'],
    ['sid01', 'anthropic-session-id'],
  ];
  for (const [family, kind] of kinds) {
    it(`finds ${families[family]} keys as ${kind}`, () => {
      const key = makeKey(families[family]);
      const finding = only(`token = "${key}"\n`, key);
      assert.strictEqual(finding.kind, kind);
    });
  }

  it('finds OAuth and session tokens of other lengths', () => {
    for (const length of [40, 64, 108, 200]) {
      const key = families.oat01 + randomBody(length);
      assertPlainAt(`x=${key};`, key);
    }
  });

  it('reports a redacted form and a sha256 fingerprint, and never exposes the key', () => {
    const key = makeKey(families.api03);
    const finding = only(`k: ${key}`, key);
    assert.strictEqual(finding.redacted, `${families.api03}…${key.slice(-4)}`);
    assert.strictEqual(finding.fingerprint, `sha256:${createHash('sha256').update(key).digest('hex')}`);
    for (const shown of [JSON.stringify(finding), inspect(finding, { depth: 5 }), String(finding), `${JSON.stringify([finding])}`]) {
      assert.ok(!shown.includes(key.slice(families.api03.length)), `key leaked in ${shown}`);
    }
  });
});

describe('keyscan: the end of a key is decided by the key alphabet', () => {
  const key = makeKey(families.api03);
  const surroundings: [string, (key: string) => string][] = [
    ['double quotes', (k) => `const key = "${k}";`],
    ['single quotes', (k) => `key = '${k}'`],
    ['backticks', (k) => 'const key = `' + k + '`;'],
    ['URL query followed by &', (k) => `https://example.com/api?key=${k}&page=2`],
    ['URL-encoded next parameter', (k) => `key=${k}%26page%3D2`],
    ['unquoted HTML attribute followed by >', (k) => `<meta name=key content=${k}>`],
    ['HTML text followed by </', (k) => `<code>${k}</code>`],
    ['YAML flow list followed by ,', (k) => `keys: [${k}, other]`],
    ['YAML block list', (k) => `keys:\n  - ${k}\n  - other\n`],
    ['escaped JSON followed by \\"', (k) => `{"config": "{\\"apiKey\\": \\"${k}\\"}"}`],
    ['\\n escapes on both sides', (k) => `"line one\\n${k}\\nline three"`],
    ['a word character before it', (k) => `Bearer_x${k} `],
    ['start and end of the text', (k) => k],
    ['a trailing dot', (k) => `Your key is ${k}.`],
    ['a closing parenthesis', (k) => `Anthropic(api_key=${k})`],
    ['a semicolon', (k) => `export KEY=${k};echo`],
    ['whitespace and CRLF', (k) => `KEY=${k}\r\nNEXT=1`],
    ['a Markdown table', (k) => `| key | ${k} |`],
    ['a shell assignment in a .env file', (k) => `ANTHROPIC_API_KEY=${k}\n`],
    ['a TOML string', (k) => `api_key = "${k}" # prod`],
    ['a backslash line continuation', (k) => `curl -H "x-api-key: ${k}" \\\n  https://api.anthropic.com`],
  ];
  for (const [name, wrap] of surroundings) {
    it(`in ${name}`, () => assertPlainAt(wrap(key), key));
  }

  it('in a Jupyter notebook cell source', () => {
    const notebook = JSON.stringify({ cells: [{ cell_type: 'code', source: ['import anthropic\n', `client = anthropic.Anthropic(api_key="${key}")\n`] }] }, null, 1);
    assertPlainAt(notebook, key);
  });

  it('a key that runs on into more key characters ends after its AA', () => {
    const text = `KEY=${key}_PRODUCTION`;
    assertPlainAt(text, key);
  });

  it('finds keys that sit next to each other', () => {
    const other = makeKey(families.admin01);
    const findings = scanText(`${key},${other}&${key}`);
    assert.deepStrictEqual(findings.map((f) => f.kind), ['anthropic-api-key', 'anthropic-admin-key', 'anthropic-api-key']);
  });

  it('finds keys anywhere in a multi-megabyte one-line minified bundle, across any chunk size', () => {
    const filler = 'var a=function(b){return b.map(function(c){return c*2})};'.repeat(100_000); // ~5.8 MB
    const positions = [0, 65_530, 1_048_570, 4_194_300, filler.length];
    let text = '';
    let last = 0;
    const keys: string[] = [];
    for (const position of positions) {
      const k = makeKey(families.api03);
      keys.push(k);
      text += filler.slice(last, position) + `"${k}"`;
      last = position;
    }
    const findings = scanText(text);
    assert.deepStrictEqual(findings.map((f) => f.revealKey()), keys);
    for (const finding of findings) assert.strictEqual(text.slice(finding.start, finding.end), finding.revealKey());
  });
});

describe('keyscan: encodings', () => {
  it('finds a key inside a doubly JSON-escaped string', () => {
    const key = makeKey(families.api03);
    const twice = JSON.stringify(JSON.stringify({ env: { ANTHROPIC_API_KEY: key } }));
    assertPlainAt(twice, key);
  });

  for (const lead of ['', 'K', 'KE', 'KEY=', 'ANTHROPIC_API_KEY=']) {
    it(`finds a base64-encoded key after ${lead.length} bytes (alignment ${lead.length % 3})`, () => {
      const key = makeKey(families.api03);
      const encoded = Buffer.from(`${lead}${key}\n`).toString('base64');
      const text = `apiVersion: v1\nkind: Secret\ndata:\n  credentials: ${encoded}\n`;
      const finding = only(text, key);
      assert.strictEqual(finding.encoding, 'base64');
      assert.ok(finding.start >= text.indexOf(encoded) && finding.end <= text.indexOf(encoded) + encoded.length);
      assert.ok(Buffer.from(text.slice(finding.start, finding.end), 'base64').length >= key.length - 3);
    });
  }

  it('finds a key in a URL-safe base64 value and in a base64-encoded .env file', () => {
    const key = makeKey(families.admin01);
    const urlSafe = Buffer.from(`{"key":"${key}"}`).toString('base64url');
    assert.strictEqual(only(`token=${urlSafe}`, key).encoding, 'base64');
    const env = Buffer.from(`A=1\nB=two\nANTHROPIC_ADMIN_KEY=${key}\nC=3\n`).toString('base64');
    assert.strictEqual(only(`  .env: ${env}`, key).encoding, 'base64');
  });

  it('ignores base64 that merely decodes to a placeholder', () => {
    const encoded = Buffer.from(`KEY=${families.api03}${'X'.repeat(93)}AA`).toString('base64');
    assert.deepStrictEqual(scanText(encoded), []);
  });
});

describe('keyscan: string concatenation', () => {
  const key = makeKey(families.api03);
  const cut = (k: string, ...at: number[]) => [0, ...at].map((from, i) => k.slice(from, [...at, k.length][i]));

  const cases: [string, (parts: string[]) => string][] = [
    ['JS on one line', (p) => `const key = "${p.join('" + "')}";`],
    ['JS across lines', (p) => `const key =\n  '${p.join("' +\n  '")}';`],
    ['TS template literals', (p) => 'const key = `' + p.join('` + `') + '`;'],
    ['Python implicit concatenation in parentheses', (p) => `KEY = (\n    "${p.join('"\n    "')}"\n)`],
    ['Python backslash continuation', (p) => `KEY = "${p.join('" \\\n    "')}"`],
    ['mixed quotes', (p) => `key = "${p[0]}" + '${p.slice(1).join("' + '")}'`],
  ];
  for (const [name, write] of cases) {
    it(`joins ${name}`, () => {
      const text = write(cut(key, 20, 60));
      const finding = only(text, key);
      assert.strictEqual(finding.encoding, 'concatenated');
      assert.ok(text.slice(finding.start, finding.end).startsWith(key.slice(0, 20)));
      assert.ok(text.slice(finding.start, finding.end).endsWith(key.slice(60)));
    });
  }

  it('joins a key cut inside its prefix', () => {
    for (const at of [3, 5, 7, 10, 13]) {
      const [head, tail] = cut(key, at);
      assert.strictEqual(only(`k = "${head}" + "${tail}"`, key).encoding, 'concatenated');
    }
  });

  it('joins a key cut into many small pieces', () => {
    const pieces = cut(key, ...Array.from({ length: 12 }, (_, i) => (i + 1) * 8));
    only(`k = '${pieces.join("' + '")}'`, key);
  });

  it('does not glue a whole key to the next literal', () => {
    const text = `k = "${key}" + "/v1/messages"`;
    assertPlainAt(text, key);
  });

  it('does not join literals separated by a comma or a call', () => {
    const [head, tail] = cut(key, 40);
    assert.deepStrictEqual(scanText(`f("${head}", "${tail}")`), []);
    assert.deepStrictEqual(scanText(`"${head}"""${tail}"`), []);
  });
});

describe('keyscan: placeholders and documentation', () => {
  const prefix = families.api03;
  const placeholders = [
    `${prefix}...`,
    `${prefix}…`,
    `${prefix}XXXX…`,
    `${prefix}XXXXXXXX...XXXXAA`,
    `${prefix}${'X'.repeat(93)}AA`,
    `${prefix}${'x'.repeat(95)}`,
    `${prefix}${'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'.repeat(2).slice(0, 93)}AA`,
    `${prefix}${'a1B2'.repeat(23)}xAA`,
    `${prefix}${'your-api-key-here-'.repeat(6).slice(0, 93)}AA`,
    `${prefix}${'0123456789abcdef'.repeat(6).slice(0, 93)}AA`,
    `${prefix}${'abcdefgh'.repeat(12).slice(0, 93)}AA`,
    `${prefix}${'Zx9_'.repeat(24).slice(0, 93)}AA`,
    `${prefix}your-key-here`,
    `${prefix}<your-key>`,
    `${prefix}\${ANTHROPIC_API_KEY}`,
    `${families.admin01}${'0'.repeat(93)}AA`,
    `${families.oat01}${'token'.repeat(19)}`,
  ];
  for (const placeholder of placeholders) {
    it(`never reports ${placeholder.slice(0, 40)}${placeholder.length > 40 ? '…' : ''}`, () => {
      assert.deepStrictEqual(scanText(`ANTHROPIC_API_KEY="${placeholder}"\n`), []);
    });
  }

  it('reports every one of 2,000 random keys of every family (no random body is mistaken for a placeholder)', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `"${makeKey(Object.values(families)[i % 6])}"`).join('\n');
    assert.strictEqual(scanText(text).length, 2000);
  });

  it('does not report text that only mentions the prefix', () => {
    assert.deepStrictEqual(scanText('Keys start with `sk-ant-` (for example sk-ant-api03-…) and mask-image: url(x)'), []);
  });
});

describe('keyscan: allow markers', () => {
  const key = makeKey(families.api03);
  it('marks findings on a line with claude-keyscan:allow or gitleaks:allow', () => {
    assert.strictEqual(only(`k = "${key}" // claude-keyscan:allow`, key).allowed, true);
    assert.strictEqual(only(`k = "${key}"  # gitleaks:allow`, key).allowed, true);
  });
  it('does not let a marker on another line allow a key', () => {
    assert.strictEqual(only(`# claude-keyscan:allow\nk = "${key}"\n# gitleaks:allow`, key).allowed, false);
  });
});
