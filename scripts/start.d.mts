/** Why Electron cannot start for the package at `from`, or null when its binary is in place. */
export function electronMissing(from?: string): string | null;
