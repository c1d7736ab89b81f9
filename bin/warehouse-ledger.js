#!/usr/bin/env node
// The command line runs the same journal code as the app, bundled by `npm install` (prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist-node/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('warehouse-ledger is not built yet: run `npm install` (or `npm run build:node`) first.\n');
  process.exit(2);
}
await import(cli);
