/**
 * The Electron IPC channel strings of contract channels and pushes. No zod and nothing of the
 * contract's tables here: the sandboxed preload imports this alone (the main process validates
 * every request against the contract anyway).
 */

/** The IPC channel string of a contract channel. */
export const ipcChannel = (name: string) => `ledger:${name}`;
export const ipcPushChannel = (name: string) => `ledger-push:${name}`;
