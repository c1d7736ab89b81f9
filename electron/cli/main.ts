/**
 * The entry point bundled as dist-node/cli.js (what `bin/warehouse-ledger.js` runs): wires the
 * real stdout, stderr, stdin and default journal to the dispatcher in ./run.
 */
import { defaultJournalPath } from '../paths';
import type { CliIo } from './command';
import { runCli } from './run';

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

const io: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readStdin,
  defaultDb: defaultJournalPath(),
};
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`warehouse-ledger: unexpected failure: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  },
);
