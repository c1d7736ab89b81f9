// `npm start`: `electron-vite dev`, once it is clear Electron can run here. Without its binary
// (downloaded on first install, from the internet) electron-vite fails with a stack trace; this
// says what to do instead. Checked by looking at the files: requiring `electron` would try to
// download the binary on the spot.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/** Why Electron cannot start here, or null when its binary is in place. */
export function electronMissing(from = root) {
  let dir;
  try {
    dir = dirname(createRequire(join(from, 'package.json')).resolve('electron/package.json'));
  } catch {
    return 'the electron package is not installed';
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return 'the Electron binary was never downloaded (no internet when npm install ran?)';
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return `the Electron binary is missing (${binary})`;
  return null;
}

if (import.meta.filename === resolve(process.argv[1] ?? '')) {
  const missing = electronMissing();
  if (missing) {
    console.error(`npm start needs Electron, and ${missing}.

Use the browser host instead: the same app in a browser, offline, on 127.0.0.1:
    npm run web -- --db ./journal.db --port 5180

Or get Electron, on a machine with internet:
    node node_modules/electron/install.js     (downloads the binary, about 100 MB)
    npm run build:electron-sqlite             (the SQLite module for Electron's ABI, once)
then run npm start again.`);
    process.exit(1);
  }
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite');
  const r = spawnSync(bin, ['dev', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
