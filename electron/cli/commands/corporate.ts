/**
 * Corporate's receiving side on the command line (see docs/corporate.md):
 *
 *   corporate init [--database URL]                     create or upgrade the schema
 *   corporate trust WORKSTATION --pubkey FILE [--replace] register a workstation's key
 *   corporate receive BUNDLE... | --watch DIR           verify and load bundles
 *   corporate status [--json]                           per workstation: bundles, events, open anomalies
 *   corporate load-main-status FILE.csv [--workstation NAME]  the main system's statuses, for the views
 *
 * Without --database (and without DATABASE_URL or PG* settings) they use an embedded PostgreSQL
 * in the user data folder. Exit codes as everywhere: 0 done, 1 a bundle was refused, 2 bad input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chooseDatabase, openDatabase } from '../../corporate/connect';
import { DatabaseUnavailable, type CorporateDb } from '../../corporate/db';
import { loadMainStatus, MainStatusRefused } from '../../corporate/mainStatus';
import { BundleRefused, receiveBundle, type Received } from '../../corporate/receive';
import { migrate, requireSchema, SchemaMismatch, SCHEMA_VERSION } from '../../corporate/schema';
import { corporateStatus } from '../../corporate/status';
import { trustWorkstation, TrustRefused } from '../../corporate/trust';
import { watchBundles, type WatchReport } from '../../corporate/watch';
import { MANIFEST_FILE, parseBundleName, TEMP_PREFIX } from '../../export/layout';
import { expectPositionals, readArgs, wholeNumber } from '../args';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { table } from '../table';
import { formatCount } from '../../../shared/text/numbers';

const DATABASE = { database: { type: 'string' } } as const;
const DATABASE_USAGE = '[--database URL]';

/** Corporate's database for one command, closed after; its refusals become exit code 2. */
async function withCorporate(
  database: string | undefined,
  io: CliIo,
  name: string,
  fn: (db: CorporateDb) => Promise<number>,
  options: { schema?: boolean } = {},
): Promise<number> {
  let db: CorporateDb | undefined;
  try {
    const target = chooseDatabase(database);
    if (target.kind === 'embedded') fs.mkdirSync(target.folder, { recursive: true });
    db = await openDatabase(target);
    if (options.schema !== false) await requireSchema(db);
    return await fn(db);
  } catch (err) {
    if (
      err instanceof DatabaseUnavailable ||
      err instanceof SchemaMismatch ||
      err instanceof TrustRefused ||
      err instanceof MainStatusRefused
    ) {
      io.err(`${name}: ${err.message}`);
      return 2;
    }
    throw err;
  } finally {
    await db?.close();
  }
}

export const corporateInit: CliCommand = {
  name: 'corporate init',
  summary: "create (or upgrade) corporate's PostgreSQL schema for receiving bundles",
  usage: `usage: warehouse-ledger corporate init ${DATABASE_USAGE} [--json]`,
  async run(args, io) {
    const { values, positionals } = readArgs(args, DATABASE);
    expectPositionals(positionals, 0, 0, '');
    return withCorporate(
      values.database,
      io,
      'corporate init',
      async (db) => {
        const applied = await migrate(db);
        if (values.json)
          io.out(JSON.stringify({ database: db.where, kind: db.kind, version: SCHEMA_VERSION, applied }));
        else if (applied.length === 0) io.out(`${db.where}: corporate schema version ${SCHEMA_VERSION}, up to date`);
        else io.out(`${db.where}: corporate schema at version ${SCHEMA_VERSION} (applied ${applied.join(', ')})`);
        return 0;
      },
      { schema: false },
    );
  },
};

export const corporateTrust: CliCommand = {
  name: 'corporate trust',
  summary: "register a workstation's public key (its bundles must be signed with it)",
  usage: `usage: warehouse-ledger corporate trust WORKSTATION --pubkey FILE [--replace] ${DATABASE_USAGE} [--json]`,
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      ...DATABASE,
      pubkey: { type: 'string' },
      replace: { type: 'boolean' },
    });
    expectPositionals(positionals, 1, 1, 'WORKSTATION: the workstation name its bundles carry');
    if (values.pubkey === undefined) {
      throw new UsageError("--pubkey FILE is required: the workstation's public key (warehouse-ledger key prints it)");
    }
    let pem: string;
    try {
      pem = fs.readFileSync(values.pubkey, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read the public key ${values.pubkey}: ${(err as Error).message}`);
    }
    const workstation = positionals[0]!;
    return withCorporate(values.database, io, 'corporate trust', async (db) => {
      const t = await trustWorkstation(db, workstation, pem, { replace: values.replace ?? false });
      if (values.json) io.out(JSON.stringify(t));
      else if (t.outcome === 'unchanged') io.out(`${workstation} already trusts key ${t.fingerprint}: nothing changed`);
      else
        io.out(
          `${workstation}: ${t.outcome === 'replaced' ? 'key replaced by' : 'registered with'} key ${t.fingerprint}`,
        );
      return 0;
    });
  },
};

/** The bundles a word names: a bundle folder itself, or a folder of bundles (in name order). */
export function bundlesNamed(word: string): string[] {
  if (fs.existsSync(path.join(word, MANIFEST_FILE)) || !fs.existsSync(word) || !fs.statSync(word).isDirectory()) {
    return [word];
  }
  const inside = fs
    .readdirSync(word, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(TEMP_PREFIX) && parseBundleName(e.name) !== undefined)
    .map((e) => path.join(word, e.name))
    .sort();
  return inside.length > 0 ? inside : [word];
}

/** A progress line on a terminal (rewritten in place); nothing when stderr is a file or a pipe. */
function terminalProgress(): ((bundle: string, done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (bundle, done, total) => {
    process.stderr.write(`\r${bundle}: ${formatCount(done)} of ${formatCount(total)} events`);
    if (done >= total) process.stderr.write('\r\x1b[K');
  };
}

function receivedLine(r: Received): string {
  return r.outcome === 'already'
    ? `already received ${r.bundle}: nothing changed`
    : `received ${r.bundle} (${r.workstation}, seq ${r.fromSeq}–${r.toSeq}, ${r.events} events)` +
        (r.rotatedTo ? `; ${r.workstation} signs with key ${r.rotatedTo} from now on` : '');
}

/** A refusal for stderr: its message names the bundle already. */
function refusedLines(err: BundleRefused): string {
  const details = err.problems.length > 1 ? err.problems.map((p) => `\n  - ${p}`).join('') : '';
  return `REFUSED (${err.kind}): ${err.message}${details}`;
}

export const corporateReceive: CliCommand = {
  name: 'corporate receive',
  summary: 'verify bundles and load each in one transaction; --watch DIR loads them as they land',
  usage:
    `usage: warehouse-ledger corporate receive BUNDLE... ${DATABASE_USAGE} [--json]\n` +
    `       warehouse-ledger corporate receive --watch DIR [--interval SECONDS] ${DATABASE_USAGE} [--json]\n` +
    'A BUNDLE may also be a folder of bundles (received in name order).',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      ...DATABASE,
      watch: { type: 'string' },
      interval: { type: 'string' },
    });
    if (values.watch !== undefined) {
      expectPositionals(positionals, 0, 0, '');
      const dir = values.watch;
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
        throw new UsageError(`--watch ${dir} is not a folder`);
      const seconds = wholeNumber(values.interval, '--interval') ?? 2;
      if (seconds < 1) throw new UsageError('--interval must be at least 1 second');
      return withCorporate(values.database, io, 'corporate receive', async (db) => {
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        io.err(`watching ${path.resolve(dir)} (every ${seconds} s; Ctrl+C stops)`);
        try {
          await watchBundles(db, dir, {
            intervalMs: seconds * 1000,
            signal: stop.signal,
            onProgress: terminalProgress(),
            report: (r) => io.out(values.json ? JSON.stringify(watchJson(r)) : watchLine(r)),
          });
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
        return 0;
      });
    }
    expectPositionals(positionals, 1, Number.MAX_SAFE_INTEGER, 'BUNDLE: one or more bundle folders');
    const bundles = positionals.flatMap(bundlesNamed);
    return withCorporate(values.database, io, 'corporate receive', async (db) => {
      const progress = terminalProgress();
      const results: unknown[] = [];
      let refused = 0;
      let failed = 0;
      for (const bundle of bundles) {
        const name = path.basename(path.resolve(bundle));
        try {
          const r = await receiveBundle(db, bundle, progress && { onProgress: (d, t) => progress(name, d, t) });
          results.push(r);
          if (!values.json) io.out(receivedLine(r));
        } catch (err) {
          if (isDatabaseError(err)) {
            // The bundle checked out but the database would not take it: nothing of it stays.
            failed += 1;
            results.push({ bundle: name, outcome: 'failed', message: err.message });
            if (!values.json)
              io.err(`FAILED ${name}: the database refused it (${err.message}); nothing of it was loaded`);
            continue;
          }
          if (!(err instanceof BundleRefused)) throw err;
          refused += 1;
          results.push({
            bundle: name,
            outcome: 'refused',
            kind: err.kind,
            message: err.message,
            problems: err.problems,
          });
          if (!values.json) io.err(refusedLines(err));
        }
      }
      if (values.json) io.out(JSON.stringify(results));
      return failed > 0 ? 2 : refused > 0 ? 1 : 0;
    });
  },
};

/** An error PostgreSQL answered (it carries a five-character SQLSTATE). */
function isDatabaseError(err: unknown): err is Error & { code: string } {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code);
}

function watchLine(r: WatchReport): string {
  if (r.outcome === 'refused') return refusedLines(r.error);
  if (r.outcome === 'failed') return `FAILED ${r.bundle}: ${r.error.message} (tried again when it changes)`;
  return receivedLine(r.received);
}

function watchJson(r: WatchReport): unknown {
  if (r.outcome === 'refused') {
    return {
      bundle: r.bundle,
      outcome: 'refused',
      kind: r.error.kind,
      message: r.error.message,
      problems: r.error.problems,
    };
  }
  if (r.outcome === 'failed') return { bundle: r.bundle, outcome: 'failed', message: r.error.message };
  return r.received;
}

export const corporateStatusCommand: CliCommand = {
  name: 'corporate status',
  summary: 'per workstation: bundles, events, last seq, last received, open anomalies by kind',
  usage: `usage: warehouse-ledger corporate status ${DATABASE_USAGE} [--json]`,
  async run(args, io) {
    const { values, positionals } = readArgs(args, DATABASE);
    expectPositionals(positionals, 0, 0, '');
    return withCorporate(values.database, io, 'corporate status', async (db) => {
      const rows = await corporateStatus(db);
      if (values.json) {
        io.out(JSON.stringify(rows));
        return 0;
      }
      if (rows.length === 0) {
        io.out('no workstation registered yet (warehouse-ledger corporate trust WORKSTATION --pubkey FILE)');
        return 0;
      }
      io.out(
        table(rows, [
          { header: 'workstation', value: (r) => r.workstation },
          { header: 'bundles', value: (r) => r.bundles, align: 'right' },
          { header: 'events', value: (r) => r.events, align: 'right' },
          { header: 'lastSeq', value: (r) => r.lastSeq, align: 'right' },
          { header: 'last received', value: (r) => (r.lastBundle ? `${r.lastBundle} at ${r.lastReceivedAt}` : '—') },
          {
            header: 'open anomalies',
            value: (r) =>
              Object.entries(r.openAnomalies)
                .map(([kind, n]) => `${kind} ${n}`)
                .join(', ') || 'none',
          },
        ]),
      );
      return 0;
    });
  },
};

export const corporateLoadMainStatus: CliCommand = {
  name: 'corporate load-main-status',
  summary: "load the main system's order statuses (CSV orderId,status) to compare with the ledger's",
  usage: `usage: warehouse-ledger corporate load-main-status FILE.csv [--workstation NAME] ${DATABASE_USAGE} [--json]`,
  async run(args, io) {
    const { values, positionals } = readArgs(args, { ...DATABASE, workstation: { type: 'string' } });
    expectPositionals(positionals, 1, 1, "FILE.csv: the main system's export of its orders");
    const file = positionals[0]!;
    return withCorporate(values.database, io, 'corporate load-main-status', async (db) => {
      const options = values.workstation === undefined ? {} : { workstation: values.workstation };
      const r = await loadMainStatus(db, file, options);
      if (values.json) io.out(JSON.stringify(r));
      else io.out(`loaded ${r.rows} order statuses of ${r.workstations.join(', ') || 'no workstation'} from ${file}`);
      return 0;
    });
  },
};

export const CORPORATE_COMMANDS: readonly CliCommand[] = [
  corporateInit,
  corporateTrust,
  corporateReceive,
  corporateStatusCommand,
  corporateLoadMainStatus,
];
