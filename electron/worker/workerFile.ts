/**
 * Which file starts the journal worker (or another thread: the rebuild's, `name`), and how.
 * Built code has `worker.js` beside it (dist-node/ for the command line and browser host,
 * out/main/ under Electron); from sources (vitest, tsx) the worker is the .ts file. Node does
 * not apply `--import tsx` to a worker's own entry, so a .ts worker starts from a two-line
 * bootstrap that registers tsx first.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export interface WorkerStart {
  /** A file to run, or (for sources) bootstrap code run with `eval`. */
  code: string;
  eval: boolean;
  /**
   * The same as a JavaScript expression for code run with `eval`: loads the thread's module and
   * gives a promise, rejected when it cannot be loaded (for a starter that must hear of it).
   */
  load: string;
}

export function workerStart(here: string = dirname(fileURLToPath(import.meta.url)), name = 'worker'): WorkerStart {
  const built = join(here, `${name}.js`);
  if (existsSync(built))
    return { code: built, eval: false, load: `import(${JSON.stringify(pathToFileURL(built).href)})` };
  const source = join(here, `${name}.ts`);
  if (!existsSync(source)) {
    throw new Error(`cannot find the ${name} thread's code next to ${here} (looked for ${name}.js and ${name}.ts)`);
  }
  // The ESM build of tsx's API (require.resolve finds the CommonJS one, whose register() cannot
  // find its hooks from an eval'd worker).
  const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  const mjs = cjs.replace(/\.cjs$/, '.mjs');
  const tsxApi = pathToFileURL(existsSync(mjs) ? mjs : cjs).href;
  const entry = pathToFileURL(source).href;
  const load = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return { code: `${load};`, eval: true, load };
}

export function startWorker(start: WorkerStart, options: Omit<WorkerOptions, 'eval'>): Worker {
  return new Worker(start.code, { ...options, eval: start.eval });
}
