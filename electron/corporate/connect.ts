/**
 * Which database corporate's commands use: `--database URL` if given, else the usual PostgreSQL
 * settings (`DATABASE_URL`, or `PGHOST` / `PGDATABASE` / `PGUSER` / `PGSERVICE`), else an embedded
 * PostgreSQL (PGlite) in the user data folder — one office's laptop needs no server to start with.
 */
import path from 'node:path';
import { userDataFolder } from '../paths';
import { openEmbedded, openServer, type CorporateDb } from './db';

/** The embedded database's folder inside the user data folder. */
export const EMBEDDED_FOLDER = 'corporate-postgres';

export type Target = { kind: 'server'; url: string } | { kind: 'embedded'; folder: string };

export function chooseDatabase(
  database: string | undefined,
  env: Record<string, string | undefined> = process.env,
  dataFolder: () => string = userDataFolder,
): Target {
  if (database !== undefined && database !== '') return { kind: 'server', url: database };
  if (env.DATABASE_URL) return { kind: 'server', url: env.DATABASE_URL };
  if (env.PGHOST || env.PGDATABASE || env.PGUSER || env.PGSERVICE) return { kind: 'server', url: '' };
  return { kind: 'embedded', folder: path.join(dataFolder(), EMBEDDED_FOLDER) };
}

export function openDatabase(target: Target): Promise<CorporateDb> {
  return target.kind === 'server' ? openServer(target.url) : openEmbedded(target.folder);
}
