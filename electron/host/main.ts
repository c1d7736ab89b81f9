/**
 * `npm run web -- --db FILE --port PORT`: the app in a browser, without Electron.
 * Prints the address to open (it carries this run's token); Ctrl+C stops it.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultJournalPath } from '../paths';
import { startHost } from './start';

const USAGE = 'usage: npm run web -- [--db FILE] [--port PORT] [--renderer DIR] [--settings FILE]';

function fail(message: string): never {
  console.error(`web: ${message}\n${USAGE}`);
  process.exit(2);
}

let values: { db?: string; port?: string; renderer?: string; settings?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      renderer: { type: 'string' },
      settings: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (e) {
  fail((e as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = values.port === undefined ? 5180 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`--port: "${values.port}" is not a port number (0-65535)`);

const db = resolve(values.db ?? defaultJournalPath());
try {
  const host = await startHost({
    db,
    port,
    rendererDir: values.renderer === undefined ? undefined : resolve(values.renderer),
    settingsFile: values.settings === undefined ? null : resolve(values.settings),
  });
  console.log(`Warehouse Ledger (journal ${db})`);
  console.log(`Open ${host.url}`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  fail((e as Error).message);
}
