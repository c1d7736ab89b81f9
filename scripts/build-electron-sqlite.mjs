// Builds better-sqlite3 for Electron's ABI into build/native/better_sqlite3.node, leaving the
// copy in node_modules (Node's ABI: the command line, the tests, the browser host) untouched.
// The app loads it through better-sqlite3's `nativeBinding` option (electron/main/index.ts).
//
// @electron/rebuild does the build, in a throw-away project holding a copy of the installed
// better-sqlite3 (rebuilding in place would break the tests under Node). It needs the internet
// (Electron's headers) and a C++ toolchain; without them it stops with a message saying so.
//
//   npm run build:electron-sqlite
import { cpSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { rebuild } from '@electron/rebuild';
import { electronAddonProblem, electronTarget } from './native-abi.mjs';

const require = createRequire(import.meta.url);
const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const target = electronTarget();
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const out = join(root, 'build', 'native', 'better_sqlite3.node');

function fail(message) {
  console.error(`build-electron-sqlite: ${message}`);
  process.exit(1);
}

// npm exports its configuration to scripts as npm_config_* variables. With a `nodedir`
// configured, node-gyp builds against *Node's* headers whatever the target says, and the result
// loads in Node but crashes Electron with a NODE_MODULE_VERSION mismatch. Clear it.
for (const key of Object.keys(process.env)) if (key.toLowerCase() === 'npm_config_nodedir') delete process.env[key];

const work = mkdtempSync(join(tmpdir(), 'electron-sqlite-'));
const copy = join(work, 'node_modules', 'better-sqlite3');
cpSync(sqliteDir, copy, { recursive: true, filter: (p) => !p.includes(join('build', 'Release')) });
writeFileSync(
  join(work, 'package.json'),
  JSON.stringify({ name: 'electron-sqlite-build', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }),
);

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${target.version} (ABI ${target.abi})…`);
try {
  await rebuild({
    buildPath: work,
    electronVersion: target.version,
    onlyModules: ['better-sqlite3'],
    force: true,
    buildFromSource: true,
  });
} catch (err) {
  rmSync(work, { recursive: true, force: true });
  fail(
    `@electron/rebuild could not build for Electron ${target.version}: ${err instanceof Error ? err.message : err}. ` +
      "It needs the internet (Electron's headers) and a C++ toolchain (python3, make, g++ / Visual Studio Build " +
      'Tools / Xcode). Run it on a machine that has them; see DEVELOPERS.md.',
  );
}

const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(built)) fail(`the build finished but ${built} is missing`);
const problem = electronAddonProblem(built, target);
if (problem) fail(problem);

mkdirSync(dirname(out), { recursive: true });
copyFileSync(built, out);
rmSync(work, { recursive: true, force: true });
console.log(`Wrote ${out} (Electron ${target.version}, ABI ${target.abi}).`);
