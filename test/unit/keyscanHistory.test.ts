import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HistoryScanner, historyCommitFormat, historyLogArgs } from '../../src/core/keyscan/history';
import { safeGitOptions } from '../../src/core/keyscan/safeGit';
import { fingerprintKey } from '../../src/core/keyscan/finding';
import { families, makeKey } from '../fixtures/keyscan/generate';
import type { GitRepo } from '../harness/gitRepo';
import { createGitRepo } from '../harness/gitRepo';

function gitRepo(): GitRepo {
  return createGitRepo(fs.mkdtempSync(path.join(os.tmpdir(), 'keyscan-history-')));
}

describe('keyscan: git history', () => {
  it('finds keys added in past commits, removed since, with commit, file and line', () => {
    const { dir, git, write } = gitRepo();
    const early = makeKey(families.api03);
    const split = makeKey(families.admin01);
    write('README.md', '# demo\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'start');
    write('src/app.ts', `import x from 'y';\n\nconst key = "${early}";\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'add app');
    const firstSha = git('rev-parse', 'HEAD').trim();
    write('src/app.ts', `import x from 'y';\n\nconst key = process.env.ANTHROPIC_API_KEY;\n`);
    write('tools/admin.py', `ADMIN = (\n    "${split.slice(0, 50)}"\n    "${split.slice(50)}"\n)\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'move key to env; add admin tool');
    write('tools/admin.py', 'ADMIN = os.environ["ADMIN"]\n');
    write('docs/example.md', `Use sk-ant-api03-... as ${families.api03}${'X'.repeat(93)}AA\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'clean up');

    const log = git('log', '--all', '-p', '-U0', '--no-renames', '--no-color', `--format=${historyCommitFormat}`);
    const scanner = new HistoryScanner();
    for (const line of log.split('\n')) scanner.pushLine(line);
    const findings = scanner.finish();

    assert.strictEqual(findings.length, 2, JSON.stringify(findings));
    const app = findings.find((f) => f.file === 'src/app.ts');
    assert.ok(app);
    assert.strictEqual(app.commit, firstSha);
    assert.strictEqual(app.subject, 'add app');
    assert.strictEqual(app.line, 3);
    assert.strictEqual(app.fingerprint, fingerprintKey(early));
    const admin = findings.find((f) => f.file === 'tools/admin.py');
    assert.ok(admin);
    assert.strictEqual(admin.kind, 'anthropic-admin-key');
    assert.strictEqual(admin.line, 2);
    assert.ok(!JSON.stringify(findings).includes(early.slice(20)), 'history findings must not carry the key');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("never runs a textconv filter or external diff the scanned repository's config names", () => {
    const { dir, git, write } = gitRepo();
    const marker = path.join(dir, '..', `${path.basename(dir)}-ran`);
    const program = path.join(dir, '..', `${path.basename(dir)}-program.sh`);
    fs.writeFileSync(program, `#!/bin/sh\ntouch '${marker}'\ncat "$1"\n`, { mode: 0o755 });
    git('config', 'diff.evil.textconv', program);
    git('config', 'diff.external', program);
    write('.gitattributes', '*.txt diff=evil\n');
    const key = makeKey(families.api03);
    write('secret.txt', `${key}\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'add');
    const scanner = new HistoryScanner();
    for (const line of git(...safeGitOptions, ...historyLogArgs).split('\n')) scanner.pushLine(line);
    assert.deepStrictEqual(scanner.finish().map((finding) => finding.fingerprint), [fingerprintKey(key)]);
    assert.ok(!fs.existsSync(marker), 'a program from the repository config ran');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('treats an added line that starts with "++" as content, not a file header', () => {
    const key = makeKey(families.api03);
    const scanner = new HistoryScanner();
    for (const line of ['\0commit abc\t2026-01-01T00:00:00Z\tx', 'diff --git a/f b/f', '--- a/f', '+++ b/f', '@@ -0,0 +1,2 @@', '+++ header-like', `+++ ${key}`]) {
      scanner.pushLine(line);
    }
    const [finding] = scanner.finish();
    assert.strictEqual(finding?.file, 'f');
    assert.strictEqual(finding.line, 2);
  });
});
