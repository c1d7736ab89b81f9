/** `npm run web` builds the renderer only when it must; `npm start` says what to do without Electron. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rendererIsStale } from '../../scripts/renderer-fresh.mjs';
import { electronMissing } from '../../scripts/start.mjs';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(path: string, secondsAgo: number) {
  const full = join(dir, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, 'x');
  const t = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(full, t, t);
}

describe('npm run web', () => {
  it('builds the renderer when out/renderer is missing or older than renderer/ or shared/, not otherwise', () => {
    dir = mkdtempSync(join(tmpdir(), 'wl-web-'));
    file('renderer/app/App.tsx', 100);
    expect(rendererIsStale(dir)).toMatch(/not built/);
    file('out/renderer/index.html', 50);
    expect(rendererIsStale(dir)).toBeNull();
    file('shared/contract/requests.ts', 10);
    expect(rendererIsStale(dir)).toMatch(/shared\/ changed/);
    file('out/renderer/index.html', 0);
    expect(rendererIsStale(dir)).toBeNull();
  });
});

describe('npm start', () => {
  it('finds a missing Electron without trying to download it', () => {
    dir = mkdtempSync(join(tmpdir(), 'wl-start-'));
    writeFileSync(join(dir, 'package.json'), '{}');
    expect(electronMissing(dir)).toMatch(/not installed/);
    file('node_modules/electron/package.json', 0);
    writeFileSync(join(dir, 'node_modules/electron/package.json'), '{"name":"electron"}');
    expect(electronMissing(dir)).toMatch(/never downloaded/);
    writeFileSync(join(dir, 'node_modules/electron/path.txt'), 'electron');
    expect(electronMissing(dir)).toMatch(/binary is missing/);
    file('node_modules/electron/dist/electron', 0);
    expect(electronMissing(dir)).toBeNull();
  });
});
