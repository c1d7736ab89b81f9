// Bundles the Node side that runs without Electron (command line, journal worker, browser host,
// bench) into dist-node/, so `npx warehouse-ledger` runs plain JavaScript right after install.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = {
  cli: 'electron/cli/main.ts',
  worker: 'electron/worker/worker.ts',
  // The second thread of a rebuild at once (electron/journal/rebuildInTwo.ts), found beside the code.
  rebuildWorker: 'electron/journal/rebuildWorker.ts',
  // The same for a verify at once (electron/journal/verifyInTwo.ts).
  verifyWorker: 'electron/journal/verifyWorker.ts',
  // A rule scan's second thread (electron/rules/replayJournal.ts).
  ruleScanWorker: 'electron/rules/ruleScanWorker.ts',
  host: 'electron/host/main.ts',
  bench: 'bench/bench.ts',
  'bench-child': 'bench/child.ts',
  'bench-ui': 'bench/ui-main.ts',
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, file]) => existsSync(file)));

await build({
  entryPoints,
  outdir: 'dist-node',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  packages: 'external',
  logLevel: 'warning',
});
