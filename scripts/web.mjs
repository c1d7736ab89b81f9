// `npm run web`: the browser host, with what it needs built first. The Node side is bundled every
// time (quick); the renderer only when out/renderer is missing or older than its sources
// (renderer/ and shared/, which it imports), because a stale page against a new host is the
// kind of mismatch nobody thinks of when a button does nothing.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { rendererIsStale } from './renderer-fresh.mjs';

const root = resolve(import.meta.dirname, '..');
const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(['scripts/build-node.mjs']);
const stale = rendererIsStale(root);
if (stale) {
  console.error(`Building the renderer first (${stale}).`);
  run(['scripts/build-renderer.mjs']);
}
run(['dist-node/host.js', ...process.argv.slice(2)]);
