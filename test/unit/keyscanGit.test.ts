import * as assert from 'node:assert';
import { classifyGitState, isBuildOutput, isEnvFile, isHygienicKeyFile, meetsThreshold, severityOf } from '../../src/core/keyscan/gitState';
import type { GitFacts } from '../../src/core/keyscan/gitState';
import { LineIndex } from '../../src/core/keyscan/lineIndex';

const base: GitFacts = { inRepository: true, keyInHead: false, keyInIndex: false, tracked: false, ignored: false };

describe('keyscan: git state and severity', () => {
  it('a key in HEAD is committed (error), even in a force-added ignored file', () => {
    const state = classifyGitState({ ...base, keyInHead: true, tracked: true, ignored: true });
    assert.strictEqual(state, 'committed');
    assert.strictEqual(severityOf(state, 'src/app.ts'), 'error');
  });

  it('a key only in the index is staged (error)', () => {
    const state = classifyGitState({ ...base, keyInIndex: true, tracked: true });
    assert.strictEqual(state, 'staged');
    assert.strictEqual(severityOf(state, 'src/app.ts'), 'error');
  });

  it('a key added to a tracked file in the working tree is tracked (error: the next commit -a takes it)', () => {
    assert.strictEqual(classifyGitState({ ...base, tracked: true }), 'tracked');
    assert.strictEqual(severityOf('tracked', 'src/app.ts'), 'error');
  });

  it('untracked files git would add are warnings; ignored ones information; no repository is a warning', () => {
    assert.strictEqual(classifyGitState(base), 'untracked');
    assert.strictEqual(severityOf('untracked', 'notes.txt'), 'warning');
    assert.strictEqual(classifyGitState({ ...base, ignored: true }), 'ignored');
    assert.strictEqual(severityOf('ignored', '.env'), 'info');
    assert.strictEqual(severityOf('ignored', 'secrets/local.json'), 'info');
    assert.strictEqual(classifyGitState({ ...base, inRepository: false, keyInHead: true }), 'none');
    assert.strictEqual(severityOf('none', 'notes.txt'), 'warning');
  });

  it('a key in ignored build output is an error: the bundle gets deployed', () => {
    for (const file of ['dist/app.js', 'web/build/static/js/main.3f2a.js', '.next/server/page.js', 'public/vendor.min.js', 'out/index.html']) {
      assert.ok(isBuildOutput(file), file);
      assert.strictEqual(severityOf('ignored', file), 'error', file);
    }
    for (const file of ['src/distance.ts', 'builder/x.ts', '.env', 'app.js']) assert.ok(!isBuildOutput(file), file);
  });

  it('an ignored .env file holding a key is hygiene (a hint in the editor), other states are not', () => {
    assert.ok(isHygienicKeyFile('ignored', 'config/.env.local'));
    assert.ok(!isHygienicKeyFile('untracked', '.env'));
    assert.ok(!isHygienicKeyFile('ignored', 'dist/app.js'));
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
