/**
 * Corporate's schema, as numbered migrations recorded in `schema_migrations` (like the journal's
 * `user_version`). `corporate init` applies what is missing in one transaction; a database
 * written by a newer ledger is refused untouched, since an older program cannot know what the
 * newer tables mean. Every other command checks the version first and says to run `init`.
 *
 * What each table and view holds is documented in docs/corporate.md.
 */
import type { CorporateDb, Sql } from './db';

export interface Migration {
  version: number;
  /** What the step adds, in a sentence (shown when an upgrade fails). */
  what: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    what: 'workstations and their keys, bundles, events, orders, anomalies, the main system’s statuses and the views',
    sql: `
      CREATE TABLE workstations (
        name text PRIMARY KEY,
        key_fingerprint text NOT NULL,          -- the key the next bundle must be signed with
        registered_at timestamptz NOT NULL DEFAULT now()
      );

      -- Every key a workstation has been trusted with: registered by hand, or announced by a bundle.
      CREATE TABLE workstation_keys (
        workstation text NOT NULL REFERENCES workstations (name),
        fingerprint text NOT NULL,
        public_key_pem text NOT NULL,
        trusted_at timestamptz NOT NULL DEFAULT now(),
        announced_by_bundle bigint,             -- null: registered with corporate trust
        PRIMARY KEY (workstation, fingerprint)
      );

      CREATE TABLE bundles (
        id bigserial PRIMARY KEY,
        workstation text NOT NULL REFERENCES workstations (name),
        name text NOT NULL,
        format text NOT NULL,
        from_seq bigint NOT NULL,
        to_seq bigint NOT NULL,
        start_hash text NOT NULL,
        end_hash text NOT NULL,
        events integer NOT NULL,
        orders integer NOT NULL,
        anomalies integer NOT NULL,
        exported_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        key_fingerprint text NOT NULL,
        next_key_fingerprint text,
        manifest_sha256 text NOT NULL,
        manifest jsonb NOT NULL,
        -- A key announcement with nothing new is an empty range (to_seq = from_seq - 1) that the
        -- next bundle starts at too: a bundle is its range, both ends.
        UNIQUE (workstation, from_seq, to_seq)
      );
      ALTER TABLE workstation_keys
        ADD FOREIGN KEY (announced_by_bundle) REFERENCES bundles (id);

      CREATE TABLE events (
        workstation text NOT NULL,
        seq bigint NOT NULL,
        -- No foreign key: a million per-row checks would double a receive's time, and receive
        -- writes the bundle row first in the same transaction.
        bundle_id bigint NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        order_id text NOT NULL,
        trace_id text,
        initiated_by jsonb NOT NULL,
        "timestamp" text NOT NULL,              -- exactly as recorded (and hashed), offset kept
        occurred_at timestamptz NOT NULL,       -- the same instant, for date arithmetic
        data jsonb NOT NULL,
        recorded_at text NOT NULL,
        source text NOT NULL,
        rule_set text NOT NULL,
        hash text NOT NULL,
        prev_hash text NOT NULL,
        PRIMARY KEY (workstation, seq)
      );
      CREATE INDEX events_by_order ON events (workstation, order_id);

      -- Each bundle carries every order and every anomaly as the workstation had them at its
      -- export: the last bundle received replaces the workstation's rows.
      CREATE TABLE orders (
        workstation text NOT NULL REFERENCES workstations (name),
        order_id text NOT NULL,
        bundle_id bigint NOT NULL REFERENCES bundles (id),
        status text,
        customer text,
        last_seq bigint NOT NULL,
        last_event_at text,
        event_count integer NOT NULL,
        open_anomalies integer NOT NULL,
        created boolean NOT NULL,
        before_hold text,
        lines jsonb NOT NULL,
        picked jsonb NOT NULL,
        PRIMARY KEY (workstation, order_id)
      );

      CREATE TABLE anomalies (
        workstation text NOT NULL REFERENCES workstations (name),
        id bigint NOT NULL,
        bundle_id bigint NOT NULL REFERENCES bundles (id),
        seq bigint NOT NULL,
        event_id text NOT NULL,
        order_id text NOT NULL,
        type text NOT NULL,
        "timestamp" text NOT NULL,
        occurred_at timestamptz NOT NULL,
        initiator_id text NOT NULL,
        initiator_name text,
        initiator_role text NOT NULL,
        kind text NOT NULL,
        severity text NOT NULL,
        open boolean NOT NULL,
        resolved_by_seq bigint,
        message text NOT NULL,
        PRIMARY KEY (workstation, id)
      );

      -- The main system's own view of its orders (corporate load-main-status), per warehouse.
      CREATE TABLE main_status (
        workstation text NOT NULL,
        order_id text NOT NULL,
        status text NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now(),
        source text NOT NULL,
        PRIMARY KEY (workstation, order_id)
      );

      CREATE VIEW anomalies_by_week AS
        SELECT workstation,
               (date_trunc('week', occurred_at AT TIME ZONE 'UTC'))::date AS week,
               kind,
               severity,
               count(*) AS anomalies,
               count(*) FILTER (WHERE open) AS open
          FROM anomalies
         GROUP BY workstation, week, kind, severity;

      CREATE VIEW corrections_by_reason AS
        SELECT workstation,
               data ->> 'reason' AS reason,
               count(*) AS corrections,
               count(DISTINCT order_id) AS orders,
               min(occurred_at) AS first_at,
               max(occurred_at) AS last_at
          FROM events
         WHERE type = 'StatusCorrected'
         GROUP BY workstation, data ->> 'reason';

      CREATE VIEW orders_differing_from_main AS
        SELECT o.workstation,
               o.order_id,
               o.status AS ledger_status,
               m.status AS main_status,
               b.name AS bundle,
               m.source AS main_export,
               m.loaded_at AS main_loaded_at
          FROM orders o
          JOIN main_status m ON m.workstation = o.workstation AND m.order_id = o.order_id
          JOIN bundles b ON b.id = o.bundle_id
         WHERE o.status IS DISTINCT FROM m.status;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Refused: the database is not (yet) corporate's, or from a newer ledger. */
export class SchemaMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaMismatch';
  }
}

async function currentVersion(sql: Sql): Promise<number | undefined> {
  const [table] = await sql.query<{ present: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS present`,
  );
  if (!table?.present) return undefined;
  const [row] = await sql.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return row?.version ?? 0;
}

/** Apply every missing migration in one transaction; the versions applied (none if up to date). */
export async function migrate(db: CorporateDb): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Two inits at once: the second waits here, then finds nothing left to do.
    await tx.query('SELECT pg_advisory_xact_lock(4711001)');
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, what text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const from = (await currentVersion(tx)) ?? 0;
    if (from > SCHEMA_VERSION) throw newer(db, from);
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      try {
        await tx.exec(m.sql);
      } catch (err) {
        throw new Error(
          `upgrading corporate's database to version ${m.version} (${m.what}) failed: ${(err as Error).message}`,
        );
      }
      await tx.query('INSERT INTO schema_migrations (version, what) VALUES ($1, $2)', [m.version, m.what]);
      applied.push(m.version);
    }
    return applied;
  });
}

/** Refuse to work on a database that is not at this ledger's version. */
export async function requireSchema(db: CorporateDb): Promise<void> {
  const version = await currentVersion(db);
  if (version === undefined || version === 0) {
    throw new SchemaMismatch(`${db.where} has no corporate schema yet: run warehouse-ledger corporate init first`);
  }
  if (version > SCHEMA_VERSION) throw newer(db, version);
  if (version < SCHEMA_VERSION) {
    throw new SchemaMismatch(
      `${db.where} is at corporate schema version ${version}; this ledger needs ${SCHEMA_VERSION}: run warehouse-ledger corporate init to upgrade it`,
    );
  }
}

function newer(db: CorporateDb, version: number): SchemaMismatch {
  return new SchemaMismatch(
    `${db.where} was set up by a newer Warehouse Ledger (corporate schema version ${version}; this one knows up to ${SCHEMA_VERSION}). It was left untouched.`,
  );
}
