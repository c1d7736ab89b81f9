/**
 * A PostgreSQL server for the tests and the bench: the one `DATABASE_URL` (or the `PG*`
 * variables) names, else a throwaway Debian PostgreSQL started on a Unix socket in a temporary
 * folder (run as the `postgres` user when we are root, since PostgreSQL refuses to run as root).
 * When neither is possible it fails with a sentence saying what to install, never a skip: the
 * corporate tests mean nothing without a real server.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestServer {
  /** A connection string to the server's `postgres` database (to create databases from). */
  adminUrl: string;
  /** Stops the server this helper started (nothing for one given by the environment). */
  stop(): void;
}

const NEEDS =
  'The corporate tests need a PostgreSQL server: set DATABASE_URL (or PGHOST and friends) to one, ' +
  "or install Debian's PostgreSQL (apt-get install postgresql) so they can start their own.";

/** Where Debian puts the server's programs: the newest installed version. */
function debianBinaries(root: string): string | undefined {
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], 'bin');
}

function fromEnvironment(env: Record<string, string | undefined>): string | undefined {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (env.PGHOST || env.PGDATABASE || env.PGUSER || env.PGSERVICE) return '';
  return undefined;
}

export interface ServerOptions {
  /** Wait for the disk on commit (the bench); the tests' throwaway data does not need to. */
  fsync?: boolean;
  /** Where Debian's PostgreSQL versions are installed (tests point it elsewhere). */
  debianRoot?: string;
  env?: Record<string, string | undefined>;
}

export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const given = fromEnvironment(options.env ?? process.env);
  if (given !== undefined) {
    // '' lets pg read the PG* variables itself.
    return { adminUrl: given, stop: () => undefined };
  }
  const bin = debianBinaries(options.debianRoot ?? '/usr/lib/postgresql');
  if (bin === undefined) throw new Error(NEEDS);
  const asRoot = process.getuid?.() === 0;
  let uid: number | undefined;
  let gid: number | undefined;
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) throw new Error(`${NEEDS} (we run as root and there is no postgres user to run it as)`);
    uid = Number(id.stdout.trim());
    gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wl-pg-'));
  if (uid !== undefined && gid !== undefined) fs.chownSync(dir, uid, gid);
  const run = (program: string, args: string[]) => {
    const full = path.join(bin, program);
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args];
    try {
      execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
    } catch (err) {
      const e = err as { stderr?: Buffer; message: string };
      throw new Error(`${program} failed: ${e.stderr?.toString() || e.message}\n${NEEDS}`);
    }
  };
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const settings = [
    `-k ${dir}`,
    "-c listen_addresses=''",
    '-c max_connections=50',
    // Throwaway data: no need to survive a power cut, so the tests do not wait on the disk.
    options.fsync === true ? '' : '-F -c synchronous_commit=off -c full_page_writes=off',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o', settings, 'start']);
  const adminUrl = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(dir)}`;
  return {
    adminUrl,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A connection string to the same server as `adminUrl`, for `database`. */
export function databaseUrl(adminUrl: string, database: string): string {
  if (adminUrl === '') return `postgresql:///${database}`;
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A new empty database on the server (one per test file), and a way to drop it. */
export async function createDatabase(
  adminUrl: string,
  prefix = 'wl_test',
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client(adminUrl === '' ? {} : { connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(adminUrl, name),
    async drop() {
      const c = new pg.Client(adminUrl === '' ? {} : { connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
