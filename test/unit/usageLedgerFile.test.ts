import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseLedger } from '../../src/core/usage/ledgerFormat';
import { LedgerFile } from '../../src/core/usage/ledgerFile';
import { usageRecord } from './usageRecordFixture';

describe('usage ledger file', () => {
  let folder: string;
  const errors: string[] = [];
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-'));
    errors.length = 0;
  });

  it('starts empty, creates its folder and keeps concurrent appends whole and in order', async () => {
    const ledger = LedgerFile.inFolder(path.join(folder, 'nested'), (message) => errors.push(message));
    assert.deepStrictEqual(await ledger.read(), { records: [], damagedLines: [] });
    await Promise.all([1, 2, 3, 4, 5].map((n) => ledger.append(usageRecord({ costUsd: n }))));
    const { records, damagedLines } = await ledger.read();
    assert.deepStrictEqual(records.map((r) => r.costUsd), [1, 2, 3, 4, 5]);
    assert.deepStrictEqual(damagedLines, []);
    assert.deepStrictEqual(errors, []);
  });

  it('creates its folder 0700 and the ledger 0600: only the owner reads what was spent on what', async () => {
    const ledger = LedgerFile.inFolder(path.join(folder, 'storage'), (message) => errors.push(message));
    await ledger.append(usageRecord({ costUsd: 1 }));
    assert.strictEqual((fs.statSync(path.join(folder, 'storage')).mode & 0o777).toString(8), '700');
    assert.strictEqual((fs.statSync(ledger.filePath).mode & 0o777).toString(8), '600');
    assert.deepStrictEqual(errors, []);
  });

  it('after a torn last line (crash mid-write) the next record starts on its own line', async () => {
    const ledger = LedgerFile.inFolder(folder, (message) => errors.push(message));
    fs.writeFileSync(ledger.filePath, JSON.stringify(usageRecord({ costUsd: 1 })) + '\n{"time":"2026-11-22T1');
    await ledger.append(usageRecord({ costUsd: 2 }));
    const { records, damagedLines } = await ledger.read();
    assert.deepStrictEqual(records.map((r) => r.costUsd), [1, 2]);
    assert.deepStrictEqual(damagedLines, [2]);
  });

  it('two windows on one ledger each read the other\'s new records, never their own twice', async () => {
    const first = LedgerFile.inFolder(folder, (message) => errors.push(message));
    const second = LedgerFile.inFolder(folder, (message) => errors.push(message));
    await first.append(usageRecord({ costUsd: 1 }));
    await first.read();
    await second.read();
    await first.append(usageRecord({ costUsd: 2 }));
    await second.append(usageRecord({ costUsd: 3 }));
    await first.append(usageRecord({ costUsd: 4 }));
    assert.deepStrictEqual((await first.readNew()).map((r) => r.costUsd), [3]);
    assert.deepStrictEqual((await second.readNew()).map((r) => r.costUsd), [2, 4]);
    assert.deepStrictEqual(await first.readNew(), [], 'nothing new the second time');
    // A line still being written is left for the next read.
    fs.appendFileSync(first.filePath, JSON.stringify(usageRecord({ costUsd: 5 })).slice(0, 20));
    assert.deepStrictEqual(await second.readNew(), []);
    assert.deepStrictEqual(errors, []);
  });

  it('two reads at once (focus refresh and budget check) count each foreign line once and lose none', async () => {
    const mine = LedgerFile.inFolder(folder, (message) => errors.push(message));
    const other = LedgerFile.inFolder(folder, (message) => errors.push(message));
    await mine.read();
    await other.read();
    await mine.append(usageRecord({ costUsd: 1 }));
    await other.append(usageRecord({ costUsd: 2 }));
    const [a, b] = await Promise.all([mine.readNew(), mine.readNew()]);
    assert.deepStrictEqual([...a, ...b].map((r) => r.costUsd), [2], 'the other window\'s line once; our own never');
    await other.append(usageRecord({ costUsd: 3 }));
    assert.deepStrictEqual((await mine.readNew()).map((r) => r.costUsd), [3], 'the next foreign line is still read');
    assert.deepStrictEqual(errors, []);
  });

  it('a torn line another window leaves after our first append does not swallow our next record', async () => {
    const ledger = LedgerFile.inFolder(folder, (message) => errors.push(message));
    await ledger.append(usageRecord({ costUsd: 1 }));
    fs.appendFileSync(ledger.filePath, '{"time":"2026-11-22T1'); // the other window crashed mid-write
    await ledger.append(usageRecord({ costUsd: 2 }));
    const { records, damagedLines } = await ledger.read();
    assert.deepStrictEqual(records.map((r) => r.costUsd), [1, 2]);
    assert.deepStrictEqual(damagedLines, [2]);
  });

  it('flushSync writes queued lines before it returns, and the queue does not write them again', async () => {
    const ledger = LedgerFile.inFolder(path.join(folder, 'late'), (message) => errors.push(message));
    const written = ledger.append(usageRecord({ costUsd: 7 }));
    ledger.flushSync(); // shutdown: nothing after this is awaited
    assert.deepStrictEqual(parseLedger(fs.readFileSync(ledger.filePath, 'utf8')).records.map((r) => r.costUsd), [7]);
    await written;
    assert.deepStrictEqual((await ledger.read()).records.map((r) => r.costUsd), [7]);
    assert.deepStrictEqual(errors, []);
  });

  it('reports a write failure and keeps going', async () => {
    const blocker = path.join(folder, 'file-not-folder');
    fs.writeFileSync(blocker, '');
    const ledger = LedgerFile.inFolder(blocker, (message) => errors.push(message));
    await ledger.append(usageRecord({ costUsd: 1 }));
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0], /could not append to the usage ledger/);
  });
});
