// Builds the renderer alone into out/renderer (what the browser host serves), with the same
// settings as the renderer part of electron.vite.config.ts but without building Electron's side.
import { resolve } from 'node:path';
import { build } from 'vite';
import react from '@vitejs/plugin-react';

await build({
  configFile: false,
  root: resolve('renderer'),
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: resolve('out/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
