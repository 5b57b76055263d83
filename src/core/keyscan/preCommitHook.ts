/**
 * The pre-commit hook written by "Claude API: Install Pre-commit Hook". It runs `claude-keyscan
 * --staged` from the newest installed copy of the extension (compared as versions, so 0.10.0 beats
 * 0.9.0, and copies VS Code has marked obsolete after an update are passed over), looking in the
 * extension folders of VS Code, Insiders, VSCodium, Cursor, Windsurf and their remote servers and
 * code-server. A teammate without the extension (or without Node.js) gets a note and an unblocked
 * commit. `CLAUDE_KEYSCAN` may name the script instead.
 */

/** Found in every hook we write: an existing hook with it is ours to replace. */
export const hookSignature = 'claude-keyscan pre-commit hook';

/** Folder names of the extension start with this (publisher.name-version[-platform]). */
export const extensionFolderPrefix = 'claude-api-toolkit.claude-api-toolkit-';

/** Extension folders, relative to the home folder, of every editor build we know. */
export const extensionRoots: readonly string[] = [
  '.vscode/extensions',
  '.vscode-insiders/extensions',
  '.vscode-oss/extensions',
  '.cursor/extensions',
  '.windsurf/extensions',
  '.vscode-server/extensions',
  '.vscode-server-insiders/extensions',
  '.vscode-remote/extensions',
  '.cursor-server/extensions',
  '.windsurf-server/extensions',
  '.vscodium-server/extensions',
  '.local/share/code-server/extensions',
];

/** The Node.js part of the hook: finds the script and runs it on what is staged. */
function finderScript(): string {
  return `
const fs = require('fs');
const path = require('path');
const os = require('os');
const { spawnSync } = require('child_process');
const prefix = ${JSON.stringify(extensionFolderPrefix)};
const home = os.homedir();
const roots = ${JSON.stringify(extensionRoots)}.map((root) => path.join(home, root));
if (process.env.VSCODE_EXTENSIONS) roots.unshift(process.env.VSCODE_EXTENSIONS);
const versionOf = (name) => {
  const match = /^(\\d+)\\.(\\d+)\\.(\\d+)/.exec(name.slice(prefix.length));
  return match ? match.slice(1).map(Number) : undefined;
};
const newer = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
let best;
for (const root of roots) {
  let names;
  try { names = fs.readdirSync(root); } catch { continue; }
  let obsolete = {};
  try { obsolete = JSON.parse(fs.readFileSync(path.join(root, '.obsolete'), 'utf8')) || {}; } catch {}
  for (const name of names) {
    if (!name.startsWith(prefix) || obsolete[name]) continue;
    const version = versionOf(name);
    const script = path.join(root, name, 'dist', 'cli', 'keyscan.js');
    if (!version || !fs.existsSync(script)) continue;
    if (!best || newer(version, best.version) > 0) best = { version, script };
  }
}
const script = process.env.CLAUDE_KEYSCAN || (best && best.script);
if (!script) {
  console.error('claude-keyscan: the Claude API Toolkit extension is not installed here, so this commit was not checked for Anthropic keys.');
  console.error('claude-keyscan: install it (or set CLAUDE_KEYSCAN to a claude-keyscan script) to check your commits.');
  process.exit(0);
}
const result = spawnSync(process.execPath, [script, '--staged'], { stdio: 'inherit' });
process.exit(result.status === null ? 1 : result.status);
`;
}

/** The whole hook file (POSIX sh). */
export function preCommitHookScript(): string {
  return `#!/bin/sh
# ${hookSignature} (written by "Claude API: Install Pre-commit Hook").
# Scans exactly what is staged; the commit stops when an Anthropic key is found.
# Skip once with: git commit --no-verify
if ! command -v node >/dev/null 2>&1; then
  echo "claude-keyscan: Node.js is not on PATH, so this commit was not checked for Anthropic keys." >&2
  exit 0
fi
exec node -e '${finderScript().replace(/'/g, "'\\''")}'
`;
}
