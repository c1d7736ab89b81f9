/**
 * The worker's grants of chosen files, and the opening of a granted file: what a window may
 * read is exactly what it was handed, once, for a few minutes; a link is never followed where
 * links are refused; a spooled upload does not outlive its use or its window.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileGrants, GRANT_TTL_MS, MAX_GRANTS_PER_SESSION } from '../../electron/files/grants';
import { openRegularFile, readSmallFile } from '../../electron/files/open';

describe('file grants', () => {
  let dir: string;
  let now: number;
  let grants: FileGrants;
  const spooled = (name: string) => {
    const path = join(dir, name);
    writeFileSync(path, 'x');
    return { name, path, size: 1, temporary: true };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-grants-'));
    now = 1_000_000;
    grants = new FileGrants(() => now);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hands out unguessable ids that only their window can take, once, and for their kind only', () => {
    const [a, b] = grants.grant('w1', 'events', [spooled('a'), spooled('b')]);
    expect(a!.fileId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a!.fileId).not.toBe(b!.fileId);
    expect(() => grants.take('w2', 'events', [a!.fileId])).toThrow(/not chosen in this window/);
    expect(() => grants.take('w1', 'ruleSet', [a!.fileId])).toThrow(/not chosen in this window/);
    // One id that is not good takes nothing: the good one stays for a second try.
    expect(() => grants.take('w1', 'events', [a!.fileId, 'forged-id-forged-id'])).toThrow(/forged-id/);
    expect(grants.take('w1', 'events', [a!.fileId, b!.fileId]).map((g) => g.name)).toEqual(['a', 'b']);
    expect(() => grants.take('w1', 'events', [a!.fileId])).toThrow(/not chosen in this window/);
  });

  it('lets a choice lapse after a few minutes, deleting a spooled upload with it', () => {
    const file = spooled('up');
    const [g] = grants.grant('w1', 'events', [file]);
    now += GRANT_TTL_MS;
    expect(() => grants.take('w1', 'events', [g!.fileId])).toThrow(/lapsed/);
    expect(existsSync(file.path)).toBe(false);
  });

  it("forgets a window's choices when it signs out or closes, and bounds what one window holds", () => {
    const file = spooled('up');
    grants.grant('w1', 'events', [file]);
    grants.grant('w2', 'events', [spooled('other')]);
    grants.endSession('w1');
    expect(existsSync(file.path)).toBe(false);
    expect(grants.size).toBe(1);
    const many = Array.from({ length: MAX_GRANTS_PER_SESSION }, (_, i) => spooled(`f${i}`));
    grants.grant('w3', 'events', many.slice(0, -1));
    const last = many.at(-1)!;
    const over = spooled('over');
    grants.grant('w3', 'events', [last]);
    expect(() => grants.grant('w3', 'events', [over])).toThrow(/already holds 200/);
    expect(existsSync(over.path)).toBe(false);
  });
});

describe('opening a granted file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-open-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a link where links are refused, a folder always, and reads a bounded small file', async () => {
    writeFileSync(join(dir, 'secret'), 'PRIVATE');
    symlinkSync(join(dir, 'secret'), join(dir, 'link.ndjson'));
    expect(() => openRegularFile(join(dir, 'link.ndjson'), 'link.ndjson', { noFollow: true })).toThrow(
      'link.ndjson: is a link, and only files themselves are read',
    );
    expect(() => openRegularFile(dir, 'the folder')).toThrow('the folder: is not a file');
    const opened = openRegularFile(join(dir, 'secret'), 'secret');
    const chunks: Buffer[] = [];
    for await (const c of opened.stream) chunks.push(c);
    expect(Buffer.concat(chunks).toString()).toBe('PRIVATE');
    opened.close();
    expect(readSmallFile(join(dir, 'secret'), 'secret', 7)).toBe('PRIVATE');
    expect(() => readSmallFile(join(dir, 'secret'), 'secret', 6)).toThrow('secret: is 7 bytes; at most 6 are read');
  });
});
