// Some code-server releases ship a VS Code whose npm-shrinkwrap.json takes a package from a GitHub commit
// (code-server 4.96.4: @vscode/proxy-agent 0.27.0), which machines that reach only the npm registry cannot
// fetch. The registry holds the same version with the same integrity hash, i.e. the very same bytes. Without
// its `resolved` URL, npm fetches an entry by name and version from the configured registry and still checks
// it against that hash, so the install stays pinned exactly as shipped.
import * as fs from 'node:fs';
import * as path from 'node:path';

interface ShrinkwrapEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
}

/** Entries of one shrinkwrap resolved from git; each needs an integrity hash to stay pinned. */
export function gitResolvedEntries(shrinkwrap: { packages?: Record<string, ShrinkwrapEntry> }): string[] {
  return Object.entries(shrinkwrap.packages ?? {})
    .filter(([, entry]) => /^git(\+|:)|^github:/.test(entry.resolved ?? ''))
    .map(([name]) => name);
}

/**
 * Drops the git `resolved` URL of every such entry in the npm-shrinkwrap.json files under `dir` (one
 * level of folders deep, as VS Code keeps them: the server and its built-in extensions). Returns
 * `name@version` of each. An entry without an integrity hash could not be checked: that throws.
 */
export function fetchGitPinsFromRegistry(dir: string): string[] {
  const files = [dir, ...fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name))]
    .map((folder) => path.join(folder, 'npm-shrinkwrap.json'))
    .filter((file) => fs.existsSync(file));
  const changed: string[] = [];
  for (const file of files) {
    const shrinkwrap = JSON.parse(fs.readFileSync(file, 'utf8')) as { packages?: Record<string, ShrinkwrapEntry> };
    const names = gitResolvedEntries(shrinkwrap);
    if (names.length === 0) continue;
    for (const name of names) {
      const entry = shrinkwrap.packages![name];
      if (!entry.integrity || !entry.version) throw new Error(`${file}: ${name} comes from git without a version and integrity hash to check a registry copy against`);
      delete entry.resolved;
      changed.push(`${name.replace(/^.*node_modules\//, '')}@${entry.version}`);
    }
    fs.writeFileSync(file, JSON.stringify(shrinkwrap, null, 2) + '\n');
  }
  return changed;
}
