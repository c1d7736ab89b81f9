/**
 * The workstation's signing key: Ed25519, kept in a key folder of its own in the user data folder
 * (never the journal's folder: whoever copies or is handed the journal must not get the key).
 *
 *   export-key.pem | export-key.sealed     the private key (0600), plain or sealed by a KeyProtector
 *   export-key.pub.pem                     its public half: what corporate registers
 *   next-key.pem | next-key.sealed         after `key rotate`: the new key, until an export announces it
 *   next-key.pub.pem
 *   retired/<fingerprint>.pub.pem          public halves of retired keys, to check old bundles with
 *
 * The private key is read only to sign; the public files are enough for everything else.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_KEY_FILE = 'export-key.pem';
export const PUBLIC_KEY_FILE = 'export-key.pub.pem';
export const RETIRED_FOLDER = 'retired';
const NEXT = 'next-key';
const CURRENT = 'export-key';

/**
 * How the private key is kept at rest. Plain Node (the command line, the browser host, tests)
 * keeps it as PEM in a file only its owner may read; the desktop app seals it with the operating
 * system's keychain (Electron's safeStorage), which the glue provides.
 */
export interface KeyProtector {
  /** `plain`: PEM files, mode 0600; anything else names the sealing (its files end `.sealed`). */
  readonly kind: string;
  seal(pem: string): Promise<Buffer>;
  unseal(sealed: Buffer): Promise<string>;
}

export const plainKeys: KeyProtector = {
  kind: 'plain',
  seal: (pem) => Promise.resolve(Buffer.from(pem, 'utf8')),
  unseal: (sealed) => Promise.resolve(sealed.toString('utf8')),
};

export interface PublicKeyInfo {
  publicKeyPem: string;
  /** sha256 of the public key's DER, hex: named in the manifest so a wrong key is easy to tell. */
  fingerprint: string;
}

export interface WorkstationKey extends PublicKeyInfo {
  privateKey: KeyObject;
}

/** Why there is no key to sign with; the message says what happened and what to do. */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

const privateName = (base: string, protector: KeyProtector) =>
  protector.kind === 'plain' ? `${base}.pem` : `${base}.sealed`;

/** Either form of a private key file, whichever protector wrote it. */
function privateFileOf(keyDir: string, base: string): string | undefined {
  for (const name of [`${base}.pem`, `${base}.sealed`]) {
    const file = path.join(keyDir, name);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** The public half of the current key, if there is one (no private key is read). */
export function currentPublicKey(keyDir: string): PublicKeyInfo | undefined {
  return readPublic(path.join(keyDir, PUBLIC_KEY_FILE));
}

/** The key made by `key rotate` and not yet announced, if any. */
export function pendingPublicKey(keyDir: string): PublicKeyInfo | undefined {
  return readPublic(path.join(keyDir, `${NEXT}.pub.pem`));
}

/** Every public key this workstation has signed with or will: current, pending and retired. */
export function knownPublicKeys(keyDir: string): PublicKeyInfo[] {
  const keys: PublicKeyInfo[] = [];
  const retired = path.join(keyDir, RETIRED_FOLDER);
  if (fs.existsSync(retired)) {
    for (const name of fs.readdirSync(retired).sort()) {
      const info = readPublic(path.join(retired, name));
      if (info) keys.push(info);
    }
  }
  for (const info of [currentPublicKey(keyDir), pendingPublicKey(keyDir)]) if (info) keys.push(info);
  return keys;
}

function readPublic(file: string): PublicKeyInfo | undefined {
  if (!fs.existsSync(file)) return undefined;
  const publicKeyPem = fs.readFileSync(file, 'utf8');
  return { publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
}

export interface KeyOptions {
  protector?: KeyProtector;
  /**
   * Bundles this journal has already had signed: with any, a missing key is never replaced by a
   * new one (corporate would take the new key for a forgery, and rightly).
   */
  bundlesSigned?: number;
}

/**
 * The current key, made (with its folder) when this workstation has never had one. Refused when
 * the key is gone after bundles were signed with it, or when its folder shows a key once was.
 */
export async function workstationKey(keyDir: string, options: KeyOptions = {}): Promise<WorkstationKey> {
  const protector = options.protector ?? plainKeys;
  const file = privateFileOf(keyDir, CURRENT);
  if (!file) {
    const traces = knownPublicKeys(keyDir);
    if ((options.bundlesSigned ?? 0) > 0 || traces.length > 0) {
      const fp = traces.at(-1)?.fingerprint;
      throw new KeyError(
        `the workstation's signing key is missing from ${keyDir}` +
          ((options.bundlesSigned ?? 0) > 0 ? `, but ${options.bundlesSigned} bundles were already signed` : '') +
          (fp ? ` (the last key known here is ${fp})` : '') +
          ': no new key is made in its place, because corporate could not tell its bundles from forgeries. ' +
          'Restore the key folder from its backup, or have corporate register a new key and run `warehouse-ledger key replace-lost`.',
      );
    }
    await makeKey(keyDir, CURRENT, protector);
  }
  return readPrivate(keyDir, CURRENT, protector);
}

/** The pending key of a rotation, with its private half, or undefined when none is pending. */
export async function pendingKey(
  keyDir: string,
  protector: KeyProtector = plainKeys,
): Promise<WorkstationKey | undefined> {
  if (!privateFileOf(keyDir, NEXT)) return undefined;
  return readPrivate(keyDir, NEXT, protector);
}

/** `key rotate`: make the next key. The current one signs (and announces it in) the next export. */
export async function rotateKey(keyDir: string, protector: KeyProtector = plainKeys): Promise<PublicKeyInfo> {
  const current = privateFileOf(keyDir, CURRENT);
  if (!current) {
    throw new KeyError(`there is no signing key in ${keyDir} to rotate from: the first export makes one`);
  }
  // The next key is kept as the current one is: a rotation never takes a sealed key out of the keychain.
  if (current.endsWith('.sealed') && protector.kind === 'plain') {
    throw new KeyError(
      `the signing key ${current} is sealed by the desktop app's keychain: rotate it on the app's Export page`,
    );
  }
  const pending = pendingPublicKey(keyDir);
  if (pending) {
    throw new KeyError(
      `a rotation is already pending (the new key ${pending.fingerprint} is announced by the next export): export first`,
    );
  }
  await makeKey(keyDir, NEXT, protector);
  const made = await readPrivate(keyDir, NEXT, protector);
  return { publicKeyPem: made.publicKeyPem, fingerprint: made.fingerprint };
}

/**
 * The announcement has landed: the pending key becomes the current one, the old private key is
 * deleted and its public half kept under `retired/`.
 */
export function retireCurrentKey(keyDir: string): void {
  const next = privateFileOf(keyDir, NEXT);
  const current = privateFileOf(keyDir, CURRENT);
  if (!next) return;
  const old = currentPublicKey(keyDir);
  if (old) {
    const retired = path.join(keyDir, RETIRED_FOLDER);
    fs.mkdirSync(retired, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(retired, `${old.fingerprint}.pub.pem`), old.publicKeyPem, { mode: 0o644 });
  }
  if (current) fs.rmSync(current, { force: true });
  fs.renameSync(next, path.join(keyDir, path.basename(next).replace(NEXT, CURRENT)));
  fs.renameSync(path.join(keyDir, `${NEXT}.pub.pem`), path.join(keyDir, PUBLIC_KEY_FILE));
  syncFolder(keyDir);
}

/**
 * `key replace-lost`: a new key after the old one was lost, when the person running it has
 * arranged with corporate to register it. Whatever public traces there are stay in `retired/`.
 */
export async function replaceLostKey(keyDir: string, protector: KeyProtector = plainKeys): Promise<PublicKeyInfo> {
  if (privateFileOf(keyDir, CURRENT)) {
    throw new KeyError(`the signing key in ${keyDir} is not lost: use \`key rotate\` to change it`);
  }
  const old = currentPublicKey(keyDir);
  if (old) {
    fs.mkdirSync(path.join(keyDir, RETIRED_FOLDER), { recursive: true, mode: 0o700 });
    fs.renameSync(path.join(keyDir, PUBLIC_KEY_FILE), path.join(keyDir, RETIRED_FOLDER, `${old.fingerprint}.pub.pem`));
  }
  await makeKey(keyDir, CURRENT, protector);
  const made = await readPrivate(keyDir, CURRENT, protector);
  return { publicKeyPem: made.publicKeyPem, fingerprint: made.fingerprint };
}

async function readPrivate(keyDir: string, base: string, protector: KeyProtector): Promise<WorkstationKey> {
  const file = privateFileOf(keyDir, base)!;
  const sealed = file.endsWith('.sealed');
  if (sealed && protector.kind === 'plain') {
    throw new KeyError(
      `the signing key ${file} is sealed by the desktop app's keychain and cannot be read here: export from the app`,
    );
  }
  // Whatever the umask or a copy did to it, the private key is the owner's alone.
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  let privateKey: KeyObject;
  try {
    const bytes = fs.readFileSync(file);
    privateKey = createPrivateKey(sealed ? await protector.unseal(bytes) : bytes.toString('utf8'));
  } catch (err) {
    throw new KeyError(`the workstation's signing key ${file} cannot be read: ${(err as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new KeyError(`the workstation's signing key ${file} is not an Ed25519 key`);
  }
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  // The public file is derived, so a missing or stale one is simply written again.
  const publicPath = path.join(keyDir, `${base}.pub.pem`);
  if (!fs.existsSync(publicPath) || fs.readFileSync(publicPath, 'utf8') !== publicKeyPem) {
    fs.writeFileSync(publicPath, publicKeyPem, { mode: 0o644 });
  }
  return { privateKey, publicKeyPem, fingerprint: keyFingerprint(publicKeyPem) };
}

async function makeKey(keyDir: string, base: string, protector: KeyProtector): Promise<void> {
  fs.mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') fs.chmodSync(keyDir, 0o700);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const target = path.join(keyDir, privateName(base, protector));
  const content = await protector.seal(pem).catch((err: unknown) => {
    // Nothing is written: a key that cannot be sealed is not kept in the clear instead.
    throw new KeyError(`a new signing key could not be sealed (${protector.kind}): ${(err as Error).message}`);
  });
  // Written under another name and linked into place: two processes making the first key at
  // once end up sharing one, and a crash never leaves a half-written key behind.
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content, { mode: 0o600, flush: true });
  try {
    fs.linkSync(temp, target);
    fs.writeFileSync(
      path.join(keyDir, `${base}.pub.pem`),
      publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      { mode: 0o644 },
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  syncFolder(keyDir);
}

function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Where the signing key lives when nobody says: its own folder in the user data folder. A key
 * left beside a journal by an older ledger is moved there (said on `notice`), never copied.
 */
export function defaultKeyFolder(userData: string): string {
  return path.join(userData, 'signing-key');
}

/** Refuse a key folder that is the journal's own folder or inside the export destination. */
export function checkKeyFolder(keyDir: string, journalPath: string, destination?: string | null): void {
  const dir = path.resolve(keyDir);
  if (dir === path.dirname(path.resolve(journalPath))) {
    throw new KeyError(
      `the key folder ${dir} is the journal's own folder: the signing key is never kept beside the journal`,
    );
  }
  if (destination) {
    const rel = path.relative(path.resolve(destination), dir);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) {
      throw new KeyError(`the key folder ${dir} is inside the export destination: the signing key never goes out`);
    }
  }
}

/** Move a private key an older ledger kept beside the journal into the key folder. */
export function adoptLegacyKey(journalPath: string, keyDir: string, notice: (text: string) => void): void {
  const legacy = path.join(path.dirname(path.resolve(journalPath)), PRIVATE_KEY_FILE);
  if (!fs.existsSync(legacy) || privateFileOf(keyDir, CURRENT) || path.resolve(keyDir) === path.dirname(legacy)) return;
  fs.mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  fs.copyFileSync(legacy, path.join(keyDir, PRIVATE_KEY_FILE), fs.constants.COPYFILE_EXCL);
  fs.chmodSync(path.join(keyDir, PRIVATE_KEY_FILE), 0o600);
  syncFolder(keyDir);
  fs.rmSync(legacy);
  fs.rmSync(path.join(path.dirname(legacy), PUBLIC_KEY_FILE), { force: true });
  notice(`moved the signing key from beside the journal (${legacy}) into ${keyDir}`);
}
