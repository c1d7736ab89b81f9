/**
 * `corporate trust`: register the key a workstation signs its bundles with. The first key is
 * registered by hand (corporate got it from the workstation, `warehouse-ledger key`); after that
 * the workstation's key changes only by a rotation announced in a bundle signed with the key
 * before (`receive` follows it), or, when a workstation's key was lost, by `--replace`.
 */
import { createPublicKey } from 'node:crypto';
import { workstationName } from '../../shared/contract/export';
import { keyFingerprint } from '../export/keys';
import type { CorporateDb } from './db';

export class TrustRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrustRefused';
  }
}

export interface Trusted {
  workstation: string;
  fingerprint: string;
  /** `registered`: a new workstation; `unchanged`: that key already; `replaced`: --replace. */
  outcome: 'registered' | 'unchanged' | 'replaced';
}

export async function trustWorkstation(
  db: CorporateDb,
  workstation: string,
  publicKeyPem: string,
  options: { replace?: boolean } = {},
): Promise<Trusted> {
  const name = workstationName.safeParse(workstation);
  if (!name.success) {
    throw new TrustRefused(
      `workstation name ${JSON.stringify(workstation)}: ${name.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  let fingerprint: string;
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new Error(`it is a ${key.asymmetricKeyType ?? 'unknown'} key; workstations sign with Ed25519`);
    }
    fingerprint = keyFingerprint(publicKeyPem);
  } catch (err) {
    throw new TrustRefused(`the public key cannot be used: ${(err as Error).message}`);
  }
  const pem = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  return db.transaction(async (tx) => {
    const [current] = await tx.query<{ key_fingerprint: string }>(
      'SELECT key_fingerprint FROM workstations WHERE name = $1 FOR UPDATE',
      [workstation],
    );
    if (current?.key_fingerprint === fingerprint) return { workstation, fingerprint, outcome: 'unchanged' as const };
    if (current && !options.replace) {
      throw new TrustRefused(
        `${workstation} is registered already, with key ${current.key_fingerprint.slice(0, 16)}…; a workstation's key changes ` +
          'by a rotation announced in a bundle signed with its current key (receive follows it). ' +
          'If its key was lost, register the new one with --replace',
      );
    }
    if (!current) {
      await tx.query('INSERT INTO workstations (name, key_fingerprint) VALUES ($1, $2)', [workstation, fingerprint]);
    }
    await tx.query(
      `INSERT INTO workstation_keys (workstation, fingerprint, public_key_pem) VALUES ($1, $2, $3)
       ON CONFLICT (workstation, fingerprint) DO NOTHING`,
      [workstation, fingerprint, pem],
    );
    if (current)
      await tx.query('UPDATE workstations SET key_fingerprint = $2 WHERE name = $1', [workstation, fingerprint]);
    return { workstation, fingerprint, outcome: current ? ('replaced' as const) : ('registered' as const) };
  });
}
