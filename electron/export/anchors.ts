/**
 * The anchors of the chain: every export fixed the hash of its last seq, in the journal's export
 * log and in the signed bundle at the destination. A journal whose own chain checks out can still
 * have been cut back or rewritten with every hash recomputed; measured against its anchors it
 * cannot: the event at an anchor's seq must still be there, with the hash it was exported with
 * (and since each hash covers the one before, so must every event up to it).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { VerifyReport } from '../../shared/contract/records';
import type { JournalApi } from '../journal/types';
import { listBundles, MANIFEST_FILE } from './layout';
import { verifyBundleSeries } from './verify';
import { knownPublicKeys } from './keys';
import { manifestSchema } from './manifest';

export type AnchoredJournal = Pick<JournalApi, 'lastSeq' | 'chainHash' | 'exportHistory' | 'exportCount'>;

export interface Anchor {
  /** Where the anchor was found: a bundle's name. */
  bundle: string;
  toSeq: number;
  endHash: string;
}

/** Why the journal no longer holds an anchor, in words; null when it does. */
export function anchorProblem(journal: Pick<JournalApi, 'lastSeq' | 'chainHash'>, anchor: Anchor): string | null {
  const last = journal.lastSeq();
  if (anchor.toSeq > last) {
    return (
      `seq ${anchor.toSeq} was exported in ${anchor.bundle}, but the journal now ends at seq ${last}: ` +
      'events that were exported have been removed'
    );
  }
  if (journal.chainHash(anchor.toSeq) !== anchor.endHash) {
    return (
      `seq ${anchor.toSeq} was exported in ${anchor.bundle} with hash ${anchor.endHash.slice(0, 12)}…, but the journal now ` +
      `holds ${journal.chainHash(anchor.toSeq).slice(0, 12)}… there: exported events have been changed`
    );
  }
  return null;
}

/** The journal's own export log, oldest anchor first. */
export function recordedAnchors(journal: AnchoredJournal): Anchor[] {
  return journal
    .exportHistory(Math.max(1, journal.exportCount()))
    .filter((e) => e.endHash !== null)
    .map((e) => ({ bundle: e.bundle, toSeq: e.toSeq, endHash: e.endHash! }))
    .reverse();
}

/** The first anchor of the export log the journal no longer holds (null: it holds them all). */
export function checkRecordedAnchors(journal: AnchoredJournal): { seq: number; problem: string } | null {
  for (const anchor of recordedAnchors(journal)) {
    const problem = anchorProblem(journal, anchor);
    if (problem) return { seq: Math.min(anchor.toSeq, journal.lastSeq() + 1), problem };
  }
  return null;
}

export interface FolderCheck {
  /** Bundles of the workstation found in the folder and checked. */
  bundles: number;
  /** The first thing wrong, or null. */
  problem: string | null;
  seq: number | null;
}

/**
 * The journal against the signed bundles of `workstation` in `folder`: every bundle must verify
 * (signed by a key this workstation has had, following its rotations) and the journal must still
 * hold each one's last event with the hash it was exported with. Wiping the journal's export log
 * does not help here: the bundles are the anchors.
 */
export async function checkAgainstFolder(
  journal: AnchoredJournal,
  folder: string,
  workstation: string,
  keyDir: string,
): Promise<FolderCheck> {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    return { bundles: 0, problem: `${folder} is not a folder that can be read`, seq: null };
  }
  const names = listBundles(folder, workstation);
  if (names.length === 0) return { bundles: 0, problem: null, seq: null };
  const first = firstKey(path.join(folder, names[0]!), keyDir);
  if (!first) {
    return {
      bundles: names.length,
      problem: `${names[0]} in ${folder} is not signed by any key this workstation has had`,
      seq: null,
    };
  }
  // The signed manifests are the anchors: their files are corporate's to check, not needed here.
  const series = await verifyBundleSeries(folder, workstation, first, { contents: false });
  const bad = series.bundles.find((b) => !b.ok);
  if (bad) return { bundles: names.length, problem: `${bad.name} in ${folder}: ${bad.problems[0]}`, seq: null };
  for (const name of names) {
    const m = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(folder, name, MANIFEST_FILE), 'utf8')));
    const problem = anchorProblem(journal, {
      bundle: `${name} in ${folder}`,
      toSeq: m.toSeq,
      endHash: m.chain.endHash,
    });
    if (problem) return { bundles: names.length, problem, seq: Math.min(m.toSeq, journal.lastSeq() + 1) };
  }
  return { bundles: names.length, problem: null, seq: null };
}

/** The key (of those this workstation has had) that the first bundle names as its signer. */
function firstKey(bundleDir: string, keyDir: string): string | undefined {
  let fingerprint: string | undefined;
  try {
    fingerprint = (
      JSON.parse(fs.readFileSync(path.join(bundleDir, MANIFEST_FILE), 'utf8')) as { keyFingerprint?: string }
    ).keyFingerprint;
  } catch {
    return undefined;
  }
  return knownPublicKeys(keyDir).find((k) => k.fingerprint === fingerprint)?.publicKeyPem;
}

export interface AnchorSources {
  /** Folders of signed bundles named by the person asking (`verify --against DIR`): must be readable. */
  against?: string[];
  /** The export destination of the workstation's settings: consulted when it can be reached. */
  destination?: string | null;
  workstation: string;
  keyDir: string;
}

/**
 * A verify report made to answer for the anchors too: the journal's own export log, then the
 * bundles in the folders given and at the destination. The chain's own check comes first: a
 * journal whose chain is broken is reported as that.
 */
export async function withAnchors(
  journal: AnchoredJournal,
  report: VerifyReport,
  sources: AnchorSources,
): Promise<VerifyReport> {
  const anchors = { exports: journal.exportCount(), bundles: 0, folders: [] as string[], unreachable: [] as string[] };
  if (!report.ok) return { ...report, anchors };
  const bad = (seq: number | null, problem: string): VerifyReport => ({
    ok: false,
    events: report.events,
    firstBadSeq: seq,
    problem,
    anchors,
  });
  const lost = checkRecordedAnchors(journal);
  if (lost) return bad(lost.seq, lost.problem);
  const folders = [...(sources.against ?? []).map((f) => ({ folder: f, named: true }))];
  if (sources.destination) folders.push({ folder: sources.destination, named: false });
  for (const { folder, named } of folders) {
    const dir = path.resolve(folder);
    if (!reachable(dir)) {
      if (named) return bad(null, `${dir} cannot be read as a folder of bundles`);
      anchors.unreachable.push(dir);
      continue;
    }
    const check = await checkAgainstFolder(journal, dir, sources.workstation, sources.keyDir);
    anchors.bundles += check.bundles;
    anchors.folders.push(dir);
    if (check.problem) return bad(check.seq, check.problem);
  }
  return { ...report, anchors };
}

function reachable(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory() && (fs.readdirSync(dir), true);
  } catch {
    return false;
  }
}

/**
 * Whether the export destination of the settings belongs to this journal: it is the workstation's
 * own journal, or its export log names that destination.
 */
export function destinationFor(
  journal: Pick<JournalApi, 'path' | 'kind' | 'exportHistory'>,
  destination: string | null,
  workstationJournal: string,
): string | null {
  if (destination === null || journal.kind === 'training') return null;
  if (path.resolve(journal.path) === path.resolve(workstationJournal)) return destination;
  const logged = journal.exportHistory(1000).some((e) => path.resolve(e.destination) === path.resolve(destination));
  return logged ? destination : null;
}
