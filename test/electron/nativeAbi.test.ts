/**
 * The packaged app's SQLite must be built for Electron's ABI. The check that `npm run dist` and
 * the build script share refuses what would crash the app: no binary, or the Node build that a
 * configured `nodedir` quietly produces.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addonAbi, electronAddonProblem, electronTarget } from '../../scripts/native-abi.mjs';

const require = createRequire(import.meta.url);
const nodeBuild = join(
  dirname(require.resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);
const dir = mkdtempSync(join(tmpdir(), 'native-abi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Electron build of better-sqlite3', () => {
  const target = electronTarget();

  it("knows the installed Electron's ABI, which is not this Node's", () => {
    expect(target.abi).toBeGreaterThan(0);
    expect(target.abi).not.toBe(Number(process.versions.modules));
  });

  it('reads the ABI a real addon was built for', () => {
    expect(addonAbi(nodeBuild)).toBe(Number(process.versions.modules));
  });

  it("refuses node_modules' own build: it has Node's ABI", () => {
    expect(electronAddonProblem(nodeBuild, target)).toMatch(
      /built for Node \(ABI \d+\), not Electron .*npm_config_nodedir/,
    );
  });

  it('refuses a missing binary and says how to build one', () => {
    expect(electronAddonProblem(join(dir, 'none.node'), target)).toMatch(
      /is missing: build it with `npm run build:electron-sqlite`/,
    );
  });

  it('refuses a file that is no addon, and one for another Electron', () => {
    const junk = join(dir, 'junk.node');
    writeFileSync(junk, 'not an addon');
    expect(electronAddonProblem(junk, target)).toMatch(/names no NODE_MODULE_VERSION/);
    const other = join(dir, 'other.node');
    writeFileSync(other, `\0node_register_module_v${target.abi + 1}\0`);
    expect(electronAddonProblem(other, target)).toMatch(
      new RegExp(`has ABI ${target.abi + 1}; Electron .* needs ${target.abi}`),
    );
  });

  it("accepts a binary that registers Electron's ABI", () => {
    const good = join(dir, 'good.node');
    writeFileSync(good, `\0node_register_module_v${target.abi}\0`);
    expect(electronAddonProblem(good, target)).toBeUndefined();
  });
});
