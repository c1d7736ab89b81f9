/**
 * The manifest: what a bundle claims about itself. Its exact bytes are signed, so the verifier
 * checks the signature over the file as read and only then believes what it says.
 */
import { z } from 'zod';
import { FORMAT, FORMAT_1, FORMAT_2 } from './layout';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lower-case hex digits');

export const fileEntry = z.object({ sha256, bytes: z.number().int().nonnegative() });

/** A public key announced for the workstation's next bundles (docs/export-format.md, "Keys and rotation"). */
export const nextKeyEntry = z.object({
  publicKeyPem: z.string().min(1),
  /** sha256 hex of the key's SPKI DER, as `keyFingerprint` computes it. */
  fingerprint: sha256,
});
export type NextKey = z.infer<typeof nextKeyEntry>;

export const manifestSchema = z.object({
  format: z.union([z.literal(FORMAT), z.literal(FORMAT_2), z.literal(FORMAT_1)]),
  workstation: z.string().min(1),
  exportedAt: z.string(),
  fromSeq: z.number().int().positive(),
  /** `fromSeq - 1` only for an empty range (a key announcement with no new events). */
  toSeq: z.number().int().nonnegative(),
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
  /** The key every later bundle of this workstation is signed with (format 2 on). */
  nextKey: nextKeyEntry.optional(),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest's bytes as written and signed. */
export function manifestBytes(manifest: Manifest): Buffer {
  return Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8');
}
