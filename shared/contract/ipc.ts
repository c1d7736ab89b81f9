/**
 * The Electron IPC channel strings of contract channels and pushes. No zod and nothing of the
 * contract's tables here: the sandboxed preload imports this alone (the main process validates
 * every request against the contract anyway).
 */

/** The IPC channel string of a contract channel. */
export const ipcChannel = (name: string) => `ledger:${name}`;
export const ipcPushChannel = (name: string) => `ledger-push:${name}`;

/** The Electron IPC channels behind `FileChooser` (the main process's dialog and drop confirmation). */
export const FILES_CHOOSE_IPC = 'ledger-files:choose';
export const FILES_OFFER_IPC = 'ledger-files:offer';
/** The main process's folder dialog for the export destination (`ExportFolderChooser`). */
export const EXPORT_FOLDER_IPC = 'ledger-files:export-folder';
/** The main process's folder dialog for the watched import folder (`ImportFolderChooser`). */
export const IMPORT_FOLDER_IPC = 'ledger-files:import-folder';
/** What a folder chosen in the main process's dialog is for. */
export type FolderPurpose = 'export' | 'import';

/**
 * How every contract channel and push is named (an identifier; test/electron/preload.test.ts
 * holds the contract to it). The preload sends nothing else on, so a page cannot reach another
 * IPC channel (`ledger-files:…`) through `invoke`.
 */
export const CONTRACT_NAME = /^[A-Za-z][A-Za-z0-9]*$/;
