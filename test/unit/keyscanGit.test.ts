import * as assert from 'node:assert';
import { classifyGitState, isEnvFile, meetsThreshold, severityOf } from '../../src/core/keyscan/gitState';
import type { GitFacts } from '../../src/core/keyscan/gitState';
import { LineIndex } from '../../src/core/keyscan/lineIndex';

const base: GitFacts = { inRepository: true, keyInHead: false, keyInIndex: false, tracked: false, ignored: false };

describe('keyscan: git state and severity', () => {
  it('a key in HEAD is committed (error), even in a force-added ignored file', () => {
    const state = classifyGitState({ ...base, keyInHead: true, tracked: true, ignored: true });
    assert.strictEqual(state, 'committed');
    assert.strictEqual(severityOf(state), 'error');
  });

  it('a key only in the index is staged (error)', () => {
    const state = classifyGitState({ ...base, keyInIndex: true, tracked: true });
    assert.strictEqual(state, 'staged');
    assert.strictEqual(severityOf(state), 'error');
  });

  it('a key added to a tracked file in the working tree is modified (warning)', () => {
    assert.strictEqual(classifyGitState({ ...base, tracked: true }), 'modified');
    assert.strictEqual(severityOf('modified'), 'warning');
  });

  it('untracked files git would add are warnings; ignored ones information; no repository is a warning', () => {
    assert.strictEqual(classifyGitState(base), 'untracked');
    assert.strictEqual(severityOf('untracked'), 'warning');
    assert.strictEqual(classifyGitState({ ...base, ignored: true }), 'ignored');
    assert.strictEqual(severityOf('ignored'), 'info');
    assert.strictEqual(classifyGitState({ ...base, inRepository: false, keyInHead: true }), 'none');
    assert.strictEqual(severityOf('none'), 'warning');
  });

  it('compares severities against a threshold', () => {
    assert.ok(meetsThreshold('error', 'warning'));
    assert.ok(meetsThreshold('warning', 'warning'));
    assert.ok(!meetsThreshold('info', 'warning'));
    assert.ok(meetsThreshold('info', 'info'));
    assert.ok(!meetsThreshold('warning', 'error'));
  });

  it('recognises .env files', () => {
    for (const name of ['.env', '.env.local', '.ENV.production', 'config/prod.env', 'C:\\app\\.env']) assert.ok(isEnvFile(name), name);
    for (const name of ['env.ts', '.envrc', 'environment.json', '.env-example.md', 'src/dotenv.js']) assert.ok(!isEnvFile(name), name);
  });
});

describe('keyscan: line index', () => {
  it('turns offsets into 1-based lines and columns', () => {
    const index = new LineIndex('ab\ncd\r\n\nxyz');
    assert.deepStrictEqual(index.position(0), { line: 1, column: 1 });
    assert.deepStrictEqual(index.position(2), { line: 1, column: 3 });
    assert.deepStrictEqual(index.position(3), { line: 2, column: 1 });
    assert.deepStrictEqual(index.position(7), { line: 3, column: 1 });
    assert.deepStrictEqual(index.position(10), { line: 4, column: 3 });
  });
});
