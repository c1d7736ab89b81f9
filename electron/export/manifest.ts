/**
 * The manifest: what a bundle claims about itself. Its exact bytes are signed, so the verifier
 * checks the signature over the file as read and only then believes what it says.
 */
import { z } from 'zod';
import { FORMATS } from './layout';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lower-case hex digits');

export const fileEntry = z.object({ sha256, bytes: z.number().int().nonnegative() });

export const manifestSchema = z.object({
  format: z.enum(FORMATS),
  workstation: z.string().min(1),
  exportedAt: z.string(),
  fromSeq: z.number().int().positive(),
  toSeq: z.number().int().positive(),
  counts: z.object({
    events: z.number().int().nonnegative(),
    orders: z.number().int().nonnegative(),
    anomalies: z.number().int().nonnegative(),
  }),
  files: z.record(z.string(), fileEntry),
  chain: z.object({
    /** The hash of seq `fromSeq - 1` (the genesis hash for seq 1): the previous bundle's end. */
    startHash: sha256,
    /** The hash of seq `toSeq`: the next bundle's start. */
    endHash: sha256,
  }),
  /** The rule sets in force over the range, oldest first. */
  ruleSets: z.array(z.object({ key: z.string(), hash: sha256, activatedAtSeq: z.number().int().nullable() })),
  /** sha256 of the signing public key (DER): tells a wrong key from a tampered bundle. */
  keyFingerprint: sha256,
  /** A key rotation: the bundles after this one are signed with this key (format 2). */
  nextKey: z.object({ publicKeyPem: z.string().min(1), fingerprint: sha256 }).optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest's bytes as written and signed. */
export function manifestBytes(manifest: Manifest): Buffer {
  return Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
}
