// Whether out/renderer must be built again: why (in words), or null when it is up to date.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['renderer', 'shared'];

/** The newest modification time of a file under `dir` (0 for an empty or missing folder). */
function newest(dir) {
  let latest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    latest = Math.max(latest, e.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function rendererIsStale(root) {
  let built;
  try {
    built = statSync(join(root, 'out', 'renderer', 'index.html')).mtimeMs;
  } catch {
    return 'out/renderer is not built yet';
  }
  for (const source of SOURCES) {
    if (newest(join(root, source)) > built) return `${source}/ changed since out/renderer was built`;
  }
  return null;
}
