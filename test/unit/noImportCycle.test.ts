import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { noImportCycle } from '../../eslint/noImportCycle.mjs';

// The lint rule that keeps src/ free of import cycles, on a small tree of its own.
describe('lint: no import cycle', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-cycle-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    write('src/a.ts', "import { b } from './feature/b';\nexport const a = b;\n");
    write('src/feature/b.ts', "import type { c } from '../c';\nexport const b: c = 1;\n");
    write('src/c.ts', "export type c = number;\nexport { a } from './a';\n");
    write('src/alone.ts', "import { d } from './d';\nexport const alone = d;\n");
    write('src/d.ts', 'export const d = 1;\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports every import that closes a cycle, type-only and re-exports included, and nothing else', async () => {
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser },
          plugins: { local: { rules: { 'no-import-cycle': noImportCycle } } },
          rules: { 'local/no-import-cycle': 'error' },
        },
      ],
    });
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const found = results.flatMap((result) => result.messages.map((message) => `${path.relative(dir, result.filePath)}:${message.line}`)).sort();
    assert.deepStrictEqual(found, ['src/a.ts:1', 'src/c.ts:2', 'src/feature/b.ts:1']);
    assert.match(results.find((result) => result.filePath.endsWith('a.ts'))?.messages[0].message ?? '', /a\.ts, c\.ts, feature\/b\.ts/);
  });
});
