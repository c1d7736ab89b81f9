// What ABI a native addon was built for, and whether it is the one Electron needs. Shared by the
// build (scripts/build-electron-sqlite.mjs) and by `npm run dist`'s check
// (scripts/check-electron-sqlite.mjs), so a binary that would crash the app is never packed.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The NODE_MODULE_VERSION in the addon's `node_register_module_v<N>` symbol, or undefined. */
export function addonAbi(file) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match ? Number(match[1]) : undefined;
}

/** The installed Electron's version and the NODE_MODULE_VERSION it needs (node-abi's table). */
export function electronTarget() {
  const version = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  return { version, abi: Number(require('node-abi').getAbi(version, 'electron')) };
}

/**
 * Why `file` is not a better-sqlite3 the app can load under Electron `target`, in a sentence; or
 * undefined when it is. `nodeAbi` is this Node's, the usual wrong result of a build that read
 * Node's headers.
 */
export function electronAddonProblem(file, target, nodeAbi = Number(process.versions.modules)) {
  if (!existsSync(file)) {
    return `${file} is missing: build it with \`npm run build:electron-sqlite\` (needs the internet for Electron's headers)`;
  }
  const abi = addonAbi(file);
  if (abi === undefined) return `${file} names no NODE_MODULE_VERSION: it is not a Node addon`;
  if (abi === nodeAbi && abi !== target.abi) {
    return `${file} was built for Node (ABI ${abi}), not Electron ${target.version} (ABI ${target.abi}): was npm_config_nodedir set?`;
  }
  if (abi !== target.abi) return `${file} has ABI ${abi}; Electron ${target.version} needs ${target.abi}`;
  return undefined;
}
