/**
 * electron-vite: the main process (with the journal worker as a second entry, so it lands
 * beside index.js as out/main/worker.js, and the rule scan's thread as a third), the preload (CommonJS: a sandboxed preload cannot
 * be an ES module), and the renderer (React). `vite build` on the renderer alone is
 * `npm run build:renderer` (the browser host serves out/renderer).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // better-sqlite3 is native: loaded at run time from node_modules (or nativeBinding), never bundled.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          worker: resolve('electron/worker/worker.ts'),
          // The second thread of a rule scan, started by the worker beside it (electron/rules/replayJournal.ts).
          ruleScanWorker: resolve('electron/rules/ruleScanWorker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only `electron` (and a few Node built-ins): what it
      // imports is bundled into it — the channel-name prefixes only, no contract table, no zod.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
