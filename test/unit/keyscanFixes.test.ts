import * as assert from 'node:assert';
import { allowCommentEdit } from '../../src/core/keyscan/allowComment';
import { envReferenceEdits } from '../../src/core/keyscan/envReference';
import type { OffsetEdit } from '../../src/core/keyscan/envReference';
import { scanText } from '../../src/core/keyscan/scanText';
import { families, makeKey } from '../fixtures/keyscan/generate';

function apply(text: string, edits: readonly OffsetEdit[]): string {
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  return text;
}

/** Applies the env-var fix to the only key in `text` (written with @KEY@ standing for a fresh key). */
function fixed(languageId: string, template: string, prefix: string = families.api03): string | undefined {
  const key = makeKey(prefix);
  const text = template.split('@KEY@').join(key);
  const [finding] = scanText(text);
  assert.ok(finding, 'no finding in the test text');
  const edits = envReferenceEdits(languageId, text, finding);
  if (!edits) return undefined;
  const result = apply(text, edits);
  assert.deepStrictEqual(scanText(result), [], 'the key is still there');
  return result;
}

describe('keyscan: environment variable fixes', () => {
  it('JS/TS: a whole literal becomes process.env', () => {
    assert.strictEqual(fixed('typescript', 'const key = "@KEY@";'), 'const key = process.env.ANTHROPIC_API_KEY;');
    assert.strictEqual(fixed('javascript', "new Anthropic({ apiKey: '@KEY@' })"), 'new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY })');
  });

  it('JS/TS: a template literal gets an interpolation; a key inside an ordinary string gets no fix', () => {
    assert.strictEqual(fixed('typescript', 'const h = `Bearer @KEY@`;'), 'const h = `Bearer ${process.env.ANTHROPIC_API_KEY}`;');
    assert.strictEqual(fixed('typescript', 'const h = "Bearer @KEY@";'), undefined);
  });

  it('replaces a whole concatenation with one reference', () => {
    const key = makeKey(families.api03);
    const text = `const key = "${key.slice(0, 50)}" +\n  "${key.slice(50)}";\n`;
    const [finding] = scanText(text);
    assert.strictEqual(apply(text, envReferenceEdits('typescript', text, finding)!), 'const key = process.env.ANTHROPIC_API_KEY;\n');
  });

  it('Python: os.environ, adding import os after comments and __future__ imports when missing', () => {
    assert.strictEqual(
      fixed('python', '#!/usr/bin/env python\n# tool\nfrom __future__ import annotations\nimport sys\nclient = Anthropic(api_key="@KEY@")\n'),
      '#!/usr/bin/env python\n# tool\nfrom __future__ import annotations\nimport os\nimport sys\nclient = Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])\n',
    );
    assert.strictEqual(fixed('python', 'import sys, os\nk = r"@KEY@"\n'), 'import sys, os\nk = os.environ["ANTHROPIC_API_KEY"]\n');
  });

  it('names the variable after the kind of credential', () => {
    assert.strictEqual(fixed('go', 'key := "@KEY@"', families.admin01), 'key := os.Getenv("ANTHROPIC_ADMIN_KEY")');
    assert.strictEqual(fixed('ruby', "token = '@KEY@'", families.oat01), 'token = ENV["ANTHROPIC_AUTH_TOKEN"]');
  });

  it('shell, YAML and docs: ${NAME} in place of the key', () => {
    assert.strictEqual(fixed('shellscript', 'curl -H "x-api-key: @KEY@" https://api.anthropic.com'), 'curl -H "x-api-key: ${ANTHROPIC_API_KEY}" https://api.anthropic.com');
    assert.strictEqual(fixed('yaml', 'env:\n  ANTHROPIC_API_KEY: @KEY@\n'), 'env:\n  ANTHROPIC_API_KEY: ${ANTHROPIC_API_KEY}\n');
  });

  it('offers nothing for JSON, .env files and base64 data', () => {
    assert.strictEqual(fixed('json', '{"key": "@KEY@"}'), undefined);
    assert.strictEqual(fixed('dotenv', 'ANTHROPIC_API_KEY=@KEY@'), undefined);
    const encoded = Buffer.from(makeKey(families.api03)).toString('base64');
    const text = `data:\n  key: ${encoded}\n`;
    assert.strictEqual(envReferenceEdits('yaml', text, scanText(text)[0]), undefined);
  });
});

describe('keyscan: allow comments', () => {
  const key = makeKey(families.api03);
  const cases: [string, string, string][] = [
    ['typescript', `const k = "${key}";\nnext();`, `const k = "${key}"; // claude-keyscan:allow\nnext();`],
    ['python', `k = "${key}"\r\nx = 1`, `k = "${key}" # claude-keyscan:allow\r\nx = 1`],
    ['markdown', `Key: ${key}`, `Key: ${key} <!-- claude-keyscan:allow -->`],
    ['sql', `select '${key}';`, `select '${key}'; -- claude-keyscan:allow`],
  ];
  for (const [languageId, text, expected] of cases) {
    it(`${languageId}: appends the marker as a comment, which then allows the key`, () => {
      const [finding] = scanText(text);
      const result = apply(text, [allowCommentEdit(languageId, text, finding.end)!]);
      assert.strictEqual(result, expected);
      assert.strictEqual(scanText(result)[0].allowed, true);
    });
  }

  it('uses # in .env files and offers nothing for JSON', () => {
    const text = `KEY=${key}`;
    assert.strictEqual(allowCommentEdit('plaintext', text, 5, true)?.newText, ' # claude-keyscan:allow');
    assert.strictEqual(allowCommentEdit('json', `{"k":"${key}"}`, 5), undefined);
  });
});
