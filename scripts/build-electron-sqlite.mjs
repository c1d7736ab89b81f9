// Builds better-sqlite3 for Electron's ABI into build/native/better_sqlite3.node, leaving the
// copy in node_modules (Node's ABI: the command line, the tests, the browser host) untouched.
// The app loads it through better-sqlite3's `nativeBinding` option (electron/main/index.ts).
//
// Needs the internet (Electron's headers from electronjs.org) and a C++ toolchain. Here, with
// no network, it stops at the headers with a message saying so.
//
//   node scripts/build-electron-sqlite.mjs
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const out = join(root, 'build', 'native', 'better_sqlite3.node');

function fail(message) {
  console.error(`build-electron-sqlite: ${message}`);
  process.exit(1);
}

/** The NODE_MODULE_VERSION Electron needs, from node-abi's table (installed with electron-builder). */
function expectedAbi() {
  try {
    const nodeAbi = require('node-abi');
    return nodeAbi.getAbi(electronVersion, 'electron');
  } catch {
    return undefined;
  }
}

// A copy to build in, so node_modules/better-sqlite3 keeps its Node build.
const work = mkdtempSync(join(tmpdir(), 'electron-sqlite-'));
cpSync(sqliteDir, work, { recursive: true, filter: (p) => !p.includes(`${join('build', 'Release')}`) });

// npm sets npm_config_nodedir when it runs scripts with a Node headers folder configured;
// node-gyp would then build against *Node's* headers whatever --target says, and the result
// would load in Node but crash Electron with a NODE_MODULE_VERSION mismatch. Clear it.
const env = { ...process.env };
for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];

console.log(`Building better-sqlite3 ${sqliteDir} for Electron ${electronVersion}…`);
try {
  execFileSync(
    process.execPath,
    [
      require.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      '--dist-url=https://electronjs.org/headers',
      `--devdir=${join(tmpdir(), 'electron-gyp')}`,
    ],
    { cwd: work, env, stdio: 'inherit' },
  );
} catch {
  rmSync(work, { recursive: true, force: true });
  fail(
    `node-gyp could not build for Electron ${electronVersion}. It needs the internet (Electron's headers from ` +
      'https://electronjs.org/headers) and a C++ toolchain (python3, make, g++ / Visual Studio Build Tools / Xcode). ' +
      'Run it on a machine that has them; see DEVELOPERS.md.',
  );
}

const built = join(work, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(built)) fail(`node-gyp finished but ${built} is missing`);

// Check the ABI: the NODE_MODULE_VERSION the addon was built for is in its `node_register_module_v<N>` symbol.
const binary = readFileSync(built);
const match = /node_register_module_v(\d+)/.exec(binary.toString('latin1'));
const abi = match?.[1];
const want = expectedAbi();
if (!abi) fail(`cannot find the NODE_MODULE_VERSION in ${built}`);
if (abi === process.versions.modules)
  fail(`the result has Node's ABI (${abi}), not Electron's: was npm_config_nodedir set?`);
if (want && abi !== String(want)) fail(`the result has ABI ${abi}; Electron ${electronVersion} needs ${want}`);

mkdirSync(dirname(out), { recursive: true });
copyFileSync(built, out);
rmSync(work, { recursive: true, force: true });
console.log(`Wrote ${out} (NODE_MODULE_VERSION ${abi}, Electron ${electronVersion}).`);
