import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * Entry point VS Code calls inside the extension host (`extensionTestsPath`).
 * Loads every compiled `*.test.js` next to this file; MOCHA_GREP / MOCHA_FILES narrow the run.
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (process.env.MOCHA_GREP) mocha.grep(process.env.MOCHA_GREP);
  const only = process.env.MOCHA_FILES?.split(',').filter(Boolean) ?? [];
  const files = fs
    .readdirSync(__dirname, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.test.js'))
    .filter((name) => only.length === 0 || only.some((part) => name.includes(part)))
    .sort();
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
