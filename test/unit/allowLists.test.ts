import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AllowLists } from '../../src/keyscan/allowLists';

describe('AllowLists (the live lint\'s allow-list cache)', () => {
  it('takes an edit of .claude-keyscanignore at the next scan, however soon', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'allow-lists-'));
    try {
      const lists = new AllowLists();
      assert.strictEqual(lists.of(root).allows('scan/secret.txt', 1, 'sha256:none'), false);
      fs.writeFileSync(path.join(root, '.claude-keyscanignore'), 'scan/**\n');
      assert.strictEqual(lists.of(root).allows('scan/secret.txt', 1, 'sha256:none'), true, 'a new allow list was ignored');
      fs.rmSync(path.join(root, '.claude-keyscanignore'));
      assert.strictEqual(lists.of(root).allows('scan/secret.txt', 1, 'sha256:none'), false, 'a removed allow list still applied');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
