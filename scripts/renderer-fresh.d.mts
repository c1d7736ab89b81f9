/** Why out/renderer under `root` must be built again, or null when it is newer than renderer/ and shared/. */
export function rendererIsStale(root: string): string | null;
