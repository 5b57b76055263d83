import * as assert from 'node:assert';
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { scanText, scanTextWithin } from '../../src/core/keyscan/scanText';
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

  for (const family of Object.values(families)) {
    it(`reports only the exact shape of ${family} keys: a near-miss is not a finding`, () => {
      const nearMisses = [
        family + randomBody(92) + 'AA', // body too short
        family + randomBody(94) + 'AA', // body too long
        family + randomBody(40), // the old "long random body" rule
        family + randomBody(200),
        family + randomBody(93) + 'AB', // does not end in AA
        family + randomBody(93) + 'Aa',
      ];
      for (const nearMiss of nearMisses) {
        assert.deepStrictEqual(scanText(`token = "${nearMiss}"\nx=${nearMiss};`), [], `${nearMiss.length} characters`);
      }
    });
  }

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

  it('a key-shaped string that runs on into more key characters is not a key (too long)', () => {
    for (const suffix of ['_PRODUCTION', '-2', 'x', 'AA']) assert.deepStrictEqual(scanText(`KEY=${key}${suffix}`), [], suffix);
  });

  it('finds the one exact key at the end of a long run of prefixes', () => {
    const text = `x ${families.api03.repeat(2000)}${key} y`;
    const finding = only(text, key);
    assert.strictEqual(finding.start, text.indexOf(key));
  });

  it('finds a URL-safe base64 key in a run of key characters that starts with a prefix, and the plain key ending that run', () => {
    const encodedKey = makeKey(families.admin01);
    const plainKey = makeKey(families.api03);
    const text = `x=${families.api03}abc${Buffer.from(`k=${encodedKey};`).toString('base64url')}${plainKey} y`;
    const findings = scanText(text);
    assert.deepStrictEqual(findings.map((f) => [f.revealKey(), f.encoding]), [[encodedKey, 'base64'], [plainKey, 'plain']]);
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

describe('keyscan: allow markers on long lines', () => {
  it('a marker on a megabyte-long minified line allows only the key beside it', () => {
    const keys = Array.from({ length: 3000 }, () => makeKey(families.api03));
    const filler = 'var a=function(b){return b*2};'.repeat(10);
    const line = keys.map((k, i) => `k${i}="${k}";${i === 1500 ? '/* gitleaks:allow */' : ''}${filler}`).join('');
    const findings = scanText(`${line}\nnext line`);
    assert.strictEqual(findings.length, keys.length);
    assert.deepStrictEqual(findings.filter((f) => f.allowed).map((f) => f.revealKey()), [keys[1500]]);
  });

  it('a marker still allows a key split over the lines it touches', () => {
    const key = makeKey(families.api03);
    const text = `k = ("${key.slice(0, 50)}"\n  "${key.slice(50)}")  # gitleaks:allow\n`;
    assert.strictEqual(only(text, key).allowed, true);
  });
});

describe('keyscan: base64 runs of any length', () => {
  const sizes = [64 * 1024, 100 * 1024, 400 * 1024];
  for (const size of sizes) {
    it(`finds the key after ${size / 1024} KB of base64'd repeated sk-ant- (each character decoded a bounded number of times)`, () => {
      const key = makeKey(families.api03);
      const repeated = 'sk-ant-'.repeat(Math.ceil((size * 3) / 4 / 7));
      const text = `data: ${Buffer.from(`${repeated}\n${key}\n`).toString('base64')}\n`;
      const finding = only(text, key);
      assert.strictEqual(finding.encoding, 'base64');
    });
  }

  it('finds a key that straddles the point where a long base64 run is cut for decoding', () => {
    // The first run starts at the decoy and is decoded in chunks of 64 K characters (48 K bytes).
    for (const keyAt of [49_080, 49_100, 49_140, 49_200]) {
      const key = makeKey(families.admin01);
      const encoded = Buffer.from(`sk-ant-x ${'q'.repeat(keyAt - 10)} ${key} ${'q'.repeat(1000)}`).toString('base64');
      assert.strictEqual(only(encoded, key).encoding, 'base64', `key at byte ${keyAt}`);
    }
  });
});

describe('keyscan: crafted input', () => {
  it('still finds plain keys after a flood of string joins that lead nowhere', () => {
    const key = makeKey(families.api03);
    const flood = '"sk-" + "sk-" + "sk-ant-" "x"\n'.repeat(20_000);
    assert.strictEqual(only(`${flood}const k = "${key}";\n`, key).encoding, 'plain');
  });

  it('stops at the time budget and says so', () => {
    const key = makeKey(families.api03);
    const text = `"${key}"\n`.repeat(50_000);
    const result = scanTextWithin(text, { budgetMs: 0 });
    assert.strictEqual(result.complete, false);
    assert.ok(result.findings.length < 50_000);
    assert.strictEqual(scanTextWithin(text).complete, true);
  });
});
