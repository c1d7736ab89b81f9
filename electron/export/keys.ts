/**
 * The workstation's signing key: Ed25519, made on first use. The private key stays in the user
 * data folder readable by its owner only; the public key beside it is what corporate is given
 * (`warehouse-ledger key`) to check every bundle's signature.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_KEY_FILE = 'export-key.pem';
export const PUBLIC_KEY_FILE = 'export-key.pub.pem';

export interface WorkstationKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  /** sha256 of the public key's DER, hex: named in the manifest so a wrong key is easy to tell. */
  fingerprint: string;
}

/** The key in `keyDir`, made (with the folder) if there is none yet. */
export function workstationKey(keyDir: string): WorkstationKey {
  const privatePath = path.join(keyDir, PRIVATE_KEY_FILE);
  const publicPath = path.join(keyDir, PUBLIC_KEY_FILE);
  if (!fs.existsSync(privatePath)) makeKey(keyDir, privatePath);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(fs.readFileSync(privatePath, 'utf8'));
  } catch (err) {
    throw new Error(`the workstation's export key ${privatePath} cannot be read: ${(err as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`the workstation's export key ${privatePath} is not an Ed25519 key`);
  }
  // Whatever the umask or a copy did to it, the private key is the owner's alone.
  if ((fs.statSync(privatePath).mode & 0o077) !== 0) fs.chmodSync(privatePath, 0o600);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  // The public file is derived, so a missing or stale one is simply written again.
  if (!fs.existsSync(publicPath) || fs.readFileSync(publicPath, 'utf8') !== publicKeyPem) {
    fs.writeFileSync(publicPath, publicKeyPem, { mode: 0o644 });
  }
  return { privateKey, publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
}

export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

function makeKey(keyDir: string, privatePath: string): void {
  fs.mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Written under another name and linked into place: two processes making the first key at
  // once end up sharing one, and a crash never leaves a half-written key behind.
  const temp = `${privatePath}.${process.pid}.tmp`;
  fs.writeFileSync(temp, pem, { mode: 0o600, flush: true });
  try {
    fs.linkSync(temp, privatePath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
