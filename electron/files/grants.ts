/**
 * The files this worker may read for a window: only those the main process (the Electron open
 * dialog, or a drop it confirmed) or the browser host (an upload) handed it. A channel names a
 * file by the id it got here, never by a path, so a signed-in operator cannot make the app read
 * the workstation's key or /etc/shadow by typing their names.
 *
 * A grant is for one session (the window that chose), one kind (events or a rule set) and one
 * use, and lapses after a few minutes; an upload's spooled copy is deleted once used or lapsed.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { ChosenFile, FileKind } from '../../shared/contract/files';
import { LedgerError } from '../worker/handlers/errors';

/** What the main process or the host hands over: a file on disk the person chose. */
export interface FileToGrant {
  /** The name to show (the chosen path, or the uploaded file's name). */
  name: string;
  path: string;
  size: number;
  /** A spooled upload: deleted once used or lapsed. */
  temporary: boolean;
}

export interface GrantedFile extends FileToGrant {
  fileId: string;
  session: string;
  kind: FileKind;
  expiresAt: number;
}

/** Long enough to pick and press Import, short enough that an old choice cannot be replayed later. */
export const GRANT_TTL_MS = 10 * 60 * 1000;

/** At most this many unused grants per window: a flood of uploads cannot fill the disk of spooled copies. */
export const MAX_GRANTS_PER_SESSION = 200;

export class FileGrants {
  private readonly grants = new Map<string, GrantedFile>();

  constructor(private readonly now: () => number = Date.now) {}

  grant(session: string, kind: FileKind, files: readonly FileToGrant[]): ChosenFile[] {
    this.sweep();
    const held = [...this.grants.values()].filter((g) => g.session === session).length;
    if (held + files.length > MAX_GRANTS_PER_SESSION) {
      for (const f of files) if (f.temporary) removeQuietly(f.path);
      throw new LedgerError(
        'refused',
        `This window already holds ${held} chosen files that were not used; import them or wait a few minutes.`,
      );
    }
    return files.map((file) => {
      const fileId = randomBytes(18).toString('base64url');
      this.grants.set(fileId, { ...file, fileId, session, kind, expiresAt: this.now() + GRANT_TTL_MS });
      return { fileId, name: file.name, size: file.size };
    });
  }

  /**
   * Take the files for one use. Every id must be this session's, of this kind and still valid,
   * or nothing is taken: the refusal says which one is not.
   */
  take(session: string, kind: FileKind, fileIds: readonly string[]): GrantedFile[] {
    this.sweep();
    const found = fileIds.map((id) => {
      const grant = this.grants.get(id);
      if (!grant || grant.session !== session || grant.kind !== kind) {
        throw new LedgerError(
          'refused',
          `The file ${id} was not chosen in this window (or its choice has lapsed): choose the file again.`,
        );
      }
      return grant;
    });
    for (const grant of found) this.grants.delete(grant.fileId);
    return found;
  }

  /** A window signed out, lapsed or closed: its choices go with it. */
  endSession(session: string): void {
    for (const grant of [...this.grants.values()]) if (grant.session === session) this.drop(grant);
  }

  /** Forget every grant (the journal is closing). */
  clear(): void {
    for (const grant of [...this.grants.values()]) this.drop(grant);
  }

  /** How many grants are held (tests). */
  get size(): number {
    return this.grants.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const grant of [...this.grants.values()]) if (grant.expiresAt <= now) this.drop(grant);
  }

  private drop(grant: GrantedFile): void {
    this.grants.delete(grant.fileId);
    if (grant.temporary) removeQuietly(grant.path);
  }
}

/** Delete a spooled upload once it has been read (or will not be). */
export function releaseFile(file: Pick<FileToGrant, 'path' | 'temporary'>): void {
  if (file.temporary) removeQuietly(file.path);
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Already gone, or the temp folder went with the host: nothing left to read either way.
  }
}
