/** Why an export did not happen; `message` says what and where, for the page, the CLI and notifications. */
export type ExportErrorCode =
  /** The destination is missing, not a folder, unwritable or full: worth retrying later. */
  | 'destination'
  /** Never to be exported (a training journal) or not set up (no destination, bad workstation name). */
  | 'refused'
  /** A bundle for this range is already at the destination and does not check out. */
  | 'conflict';

export class ExportError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/** A file-system error at the destination, told in the warehouse's words. */
export function destinationError(err: unknown, destination: string): ExportError {
  const e = err as NodeJS.ErrnoException;
  const where = e.path ?? destination;
  switch (e.code) {
    case 'ENOENT':
      return new ExportError('destination', `the export destination ${destination} does not exist (${where})`);
    case 'ENOTDIR':
      return new ExportError(
        'destination',
        `the export destination ${destination} is not a folder: part of the path is a file (${where})`,
      );
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new ExportError('destination', `the export destination ${destination} cannot be written to (${where})`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new ExportError('destination', `the export destination ${destination} is full (${where})`);
    default:
      return new ExportError(
        'destination',
        `writing to the export destination ${destination} failed: ${e.message ?? String(err)}`,
      );
  }
}
