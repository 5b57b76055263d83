// code-server releases before 4.133 install VS Code's server dependencies, among them @vscode/ripgrep,
// whose postinstall downloads a prebuilt `rg` from GitHub: machines that reach only the npm registry and
// Debian's packages cannot. The postinstall first looks for the download in its own cache,
// `<os.tmpdir()>/vscode-ripgrep-cache-<package version>/ripgrep-<release>-<target>.tar.gz`, and unpacks
// that instead. So the install gets its own TMPDIR with that cache filled from Debian's `ripgrep`
// (13.0.0, the version those prebuilt releases are built from).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The @vscode/ripgrep a VS Code version pins (its npm-shrinkwrap.json) and the rg release that version fetches. */
export interface RipgrepPin {
  packageVersion: string;
  releaseTag: string;
}

/** Debian's ripgrep package puts it here; the harness installs that package. */
export const debianRipgrep = '/usr/bin/rg';

/** The file name @vscode/ripgrep's download.js looks for on x64 Linux. */
export function ripgrepAssetName(pin: RipgrepPin): string {
  return `ripgrep-${pin.releaseTag}-x86_64-unknown-linux-musl.tar.gz`;
}

/**
 * Makes `tmpDir` a TMPDIR whose ripgrep download cache holds `rgBinary` under the name `pin` asks for
 * (a tarball with `rg` at its top, as the GitHub release has it). Returns the tarball's path.
 */
export function seedRipgrepCache(tmpDir: string, pin: RipgrepPin, rgBinary = debianRipgrep): string {
  if (!fs.existsSync(rgBinary)) throw new Error(`${rgBinary} is missing: install Debian's ripgrep package (apt-get install ripgrep)`);
  const cacheDir = path.join(tmpDir, `vscode-ripgrep-cache-${pin.packageVersion}`);
  const staging = path.join(tmpDir, 'ripgrep-staging');
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.copyFileSync(rgBinary, path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  const tarball = path.join(cacheDir, ripgrepAssetName(pin));
  const result = spawnSync('tar', ['czf', tarball, '-C', staging, 'rg'], { encoding: 'utf8' });
  fs.rmSync(staging, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`packing ${rgBinary} for the ripgrep download cache failed: ${result.stderr}`);
  return tarball;
}
