/** Counts read the same everywhere: thousands grouped with commas, whatever the workstation's locale. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../shared/text/numbers';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('formatCount', () => {
  it('groups thousands', () => {
    expect([0, 7, 999, 1000, 48213, 1_234_567].map(formatCount)).toEqual([
      '0',
      '7',
      '999',
      '1,000',
      '48,213',
      '1,234,567',
    ]);
  });

  it('is the only number formatter of the renderer and the worker', () => {
    const stray = [...sources('renderer'), ...sources('electron')].filter((file) =>
      /\.toLocaleString\(|new Intl\.NumberFormat/.test(readFileSync(file, 'utf8')),
    );
    expect(stray).toEqual([]);
  });
});
