/**
 * Files the app reads only because the person at the workstation chose them. No channel takes a
 * path from the renderer: the main process (Electron's open dialog, or a drop it confirmed) or
 * the browser host (an upload) hands the journal worker the chosen file and the renderer gets a
 * one-time `fileId` for it, good for this window, this kind of file and a few minutes.
 */
import { z } from 'zod';
import { FILE_KINDS, type FileKind } from './constants';

export { FILE_EXTENSIONS, FILE_KINDS, type FileKind } from './constants';
export const fileKind = z.enum(FILE_KINDS);

export const fileId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'is not a file id the app handed out');

export const chosenFileRecord = z.object({
  fileId,
  /** The name to show: the chosen path (Electron) or the uploaded file's name (browser). */
  name: z.string(),
  size: z.number().int().nonnegative(),
});
export type ChosenFile = z.infer<typeof chosenFileRecord>;

/** The largest file of each kind the app takes (an upload is refused from its Content-Length). */
export const FILE_SIZE_LIMITS: Record<FileKind, number> = {
  events: 2 * 1024 * 1024 * 1024,
  ruleSet: 1024 * 1024,
};

/** A file the page holds (a DOM `File` from a drop or an input): only its name and size are read here. */
export interface OfferedFile {
  readonly name: string;
  readonly size: number;
}

/** How the renderer gets chosen files, whatever carries them (the Electron preload or the browser host). */
export interface FileChooser {
  /** Ask the person for files (a dialog); resolves with none when they cancel. */
  chooseFiles(kind: FileKind): Promise<ChosenFile[]>;
  /** Files the person dropped on the page or picked in a file input. */
  offerFiles(files: readonly OfferedFile[], kind: FileKind): Promise<ChosenFile[]>;
}

/** The Electron IPC channels behind `FileChooser` (zod-free, in ./ipc, for the preload). */
export { FILES_CHOOSE_IPC, FILES_OFFER_IPC } from './ipc';
