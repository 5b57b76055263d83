// `npm run bench`: runs every bench/*.bench.ts in its own Node process (so one does not warm up
// another) and prints their `bench <name>: <value> <unit>` lines. `npm run bench -- keyscan` runs
// only the files whose name contains "keyscan".
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const filters = process.argv.slice(2);
const files = fs
  .readdirSync(__dirname)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`# ${file}`);
  const result = spawnSync('node', ['--import', 'tsx', '--expose-gc', path.join(__dirname, file)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
