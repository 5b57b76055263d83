/**
 * The environment for the installs the harness runs (npm ci for Node 24 and code-server).
 *
 * `npm test` and `npm start` run under npm, which exports its own state to every child:
 * `npm_config_*` (user agent naming the caller's Node, nodedir, prefix…), `npm_lifecycle_*`,
 * `npm_package_*`, `NODE` and `INIT_CWD`. A child npm reads those as its configuration, and
 * code-server's postinstall reads the user agent to refuse any Node but 24. None of it may reach the
 * install: what the install needs is passed as flags instead.
 */
export function cleanInstallEnv(inherited: NodeJS.ProcessEnv, nodeBinDir?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(inherited)) {
    if (value === undefined || isCallerState(name)) continue;
    env[name] = value;
  }
  if (nodeBinDir) env.PATH = [nodeBinDir, inherited.PATH].filter(Boolean).join(':');
  return env;
}

/** Variables that describe the process that called us, not the machine (proxy, CA and locale stay). */
function isCallerState(name: string): boolean {
  const upper = name.toUpperCase();
  return (
    upper.startsWith('NPM_') ||
    upper === 'NODE' ||
    upper === 'INIT_CWD' ||
    // Loaders and flags meant for the caller's Node (tsx registers itself here) break another Node.
    upper === 'NODE_OPTIONS' ||
    // code-server's escape hatch from its Node version check: never inherit it.
    upper === 'FORCE_NODE_VERSION'
  );
}
