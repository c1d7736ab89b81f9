/**
 * Corporate's database, on a PostgreSQL server (through `pg`) or embedded (PGlite, PostgreSQL
 * compiled to WebAssembly, in a folder): the same SQL runs on both. This adapter is the only code
 * that knows which one it is talking to; everything else sees `CorporateDb`.
 *
 * Both are configured to hand back bigint and numeric columns as numbers (`count(*)` is a bigint,
 * and seqs fit easily), so the two give the same rows.
 */
import type { Writable } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

export interface Sql {
  /** One statement, `$1`-style parameters; its rows. */
  query<R extends object = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Transaction extends Sql {
  /** `COPY … FROM STDIN` as a stream to write rows into, where the database offers it (a server). */
  readonly copyFrom?: (copySql: string) => Writable;
}

export interface CorporateDb extends Sql {
  /** `server`: a PostgreSQL server; `embedded`: PGlite in a folder. */
  readonly kind: 'server' | 'embedded';
  /** Where it is, for messages (the connection string without its password, or the folder). */
  readonly where: string;
  /** `fn` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;

/** A PostgreSQL server: `connectionString` as `pg` reads it ('' = the PG* variables). */
export async function openServer(connectionString: string): Promise<CorporateDb> {
  const { default: pgModule } = await import('pg');
  const { from: copyFrom } = await import('pg-copy-streams');
  const asNumber = (text: string) => Number(text);
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8 || oid === NUMERIC
        ? asNumber
        : pgModule.types.getTypeParser(oid, format ?? 'text')) as pg.CustomTypesConfig['getTypeParser'],
  };
  const pool = new pgModule.Pool({
    ...(connectionString === '' ? {} : { connectionString }),
    types,
    max: 4,
  });
  // An idle client's lost connection must not bring the process down; the next query says so.
  pool.on('error', () => undefined);
  const on = (client: pg.Pool | pg.PoolClient): Sql => ({
    async query<R extends object>(text: string, params?: readonly unknown[]) {
      const r = await client.query(text, params as unknown[] | undefined);
      return r.rows as R[];
    },
    async exec(text: string) {
      await client.query(text);
    },
  });
  // Fail now, with where, rather than at the first query.
  const probe = await pool.connect().catch((err: Error) => {
    void pool.end();
    throw new DatabaseUnavailable(`cannot connect to PostgreSQL at ${describeUrl(connectionString)}: ${err.message}`);
  });
  probe.release();
  return {
    kind: 'server',
    where: describeUrl(connectionString),
    ...on(pool),
    async transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Transaction = { ...on(client), copyFrom: (sql) => client.query(copyFrom(sql)) };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** PGlite in `folder` (made if missing). */
export async function openEmbedded(folder: string): Promise<CorporateDb> {
  const { PGlite } = await import('@electric-sql/pglite');
  const asNumber = (text: string) => Number(text);
  let db: PGlite;
  try {
    db = await PGlite.create(folder, { parsers: { [INT8]: asNumber, [NUMERIC]: asNumber } });
  } catch (err) {
    throw new DatabaseUnavailable(`cannot open the embedded PostgreSQL in ${folder}: ${(err as Error).message}`);
  }
  const on = (q: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    async query<R extends object>(text: string, params?: readonly unknown[]) {
      return (await q.query<R>(text, params as unknown[] | undefined)).rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  return {
    kind: 'embedded',
    where: folder,
    ...on(db),
    // PGlite has one connection: its transaction() queues everything else behind this one.
    transaction: (fn) => db.transaction((tx) => fn(on(tx))),
    close: () => db.close(),
  };
}

/** The database cannot be reached or opened: said with where. */
export class DatabaseUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailable';
  }
}

/** A connection string fit for a message: no password. */
export function describeUrl(connectionString: string): string {
  if (connectionString === '') return 'the server the PG* settings name';
  try {
    const url = new URL(connectionString);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'the given --database (not a valid URL)';
  }
}
