/** Operators: scrypt hashes, sign-in, and what a new operator must be. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkPassword, hashPassword } from '../../electron/operators/passwords';
import { freshJournal } from './helpers';

describe('operators', () => {
  it('adds, lists and authenticates, keeping only a scrypt hash', () => {
    const journal = freshJournal();
    expect(journal.addOperator({ id: 'sup', name: ' Sue ', role: 'Supervisor', password: 'correct horse' })).toEqual({
      id: 'sup',
      name: 'Sue',
      role: 'Supervisor',
    });
    journal.addOperator({ id: 'Åsa-東京', name: 'Åsa', role: 'Clerk', password: 'pässwörd-東京' });
    expect(journal.listOperators().map((o) => o.id)).toEqual(['sup', 'Åsa-東京']);
    expect(journal.authenticate('sup', 'correct horse')).toEqual({ id: 'sup', name: 'Sue', role: 'Supervisor' });
    expect(journal.authenticate('Åsa-東京', 'pässwörd-東京')?.role).toBe('Clerk');
    expect(journal.authenticate('sup', 'correct horsE')).toBeUndefined();
    expect(journal.authenticate('nobody', 'correct horse')).toBeUndefined();
    expect(journal.getOperator('sup')).toEqual({ id: 'sup', name: 'Sue', role: 'Supervisor' });
    expect(journal.getOperator('nobody')).toBeUndefined();

    const db = new Database(journal.path, { readonly: true });
    const stored = db.prepare("SELECT password_hash FROM operators WHERE id = 'sup'").pluck().get() as string;
    db.close();
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('correct horse');
  });

  it.each([
    [{ id: '' }, /operator id must not be empty/],
    [{ id: 'x'.repeat(65) }, /too long \(65 characters, at most 64\)/],
    [{ id: ' sup' }, /must not start or end with blanks/],
    [{ name: '  ' }, /name must not be empty/],
    [{ role: 'Janitor' }, /unknown operator role "Janitor"/],
    [{ password: 'short' }, /at least 8 characters/],
  ])('refuses %j', (change, message) => {
    const journal = freshJournal();
    const input = { id: 'op', name: 'Op', role: 'Clerk' as const, password: 'long enough', ...change };
    expect(() => journal.addOperator(input as Parameters<typeof journal.addOperator>[0])).toThrow(message);
    expect(journal.listOperators()).toEqual([]);
  });

  it('refuses an id that is taken', () => {
    const journal = freshJournal();
    journal.addOperator({ id: 'op', name: 'Op', role: 'Clerk', password: 'long enough' });
    expect(() => journal.addOperator({ id: 'op', name: 'Other', role: 'Supervisor', password: 'long enough' })).toThrow(
      /operator "op" already exists/,
    );
    expect(journal.getOperator('op')?.role).toBe('Clerk');
  });

  it('refuses control and text-direction characters in ids and names, saying which and where', () => {
    const journal = freshJournal();
    const add = (id: string, name: string) => () =>
      journal.addOperator({ id, name, role: 'Supervisor', password: 'long enough' });
    // "Mark \u202Ecavok" displays as "Mark kovac": someone else's name.
    expect(add('mark2', 'Mark \u202Ecavok')).toThrow(
      'operator name holds U+202E RIGHT-TO-LEFT OVERRIDE at character 6: control and text-direction characters',
    );
    expect(add('ma\u200Brk', 'Mark Kovac')).toThrow(/operator id holds U\+200B ZERO WIDTH SPACE at character 3/);
    expect(add('mark\u2066', 'Mark Kovac')).toThrow(/operator id holds U\+2066 LEFT-TO-RIGHT ISOLATE/);
    expect(add('mark', 'Mark\nKovac')).toThrow(/operator name holds U\+000A \(a control character\)/);
    expect(add('mark', 'Mark\u0085Kovac')).toThrow(/U\+0085 \(a control character\)/);
    expect(journal.listOperators()).toEqual([]);
    // Scripts that join letters with zero-width (non-)joiners keep them in names.
    expect(add('darya', 'دریا می\u200Cخواهد')()).toMatchObject({ id: 'darya' });
  });

  it('salts every hash and never matches a malformed one', () => {
    expect(hashPassword('same password')).not.toBe(hashPassword('same password'));
    expect(checkPassword('same password', hashPassword('same password'))).toBe(true);
    expect(checkPassword('x', 'plain-text')).toBe(false);
    expect(checkPassword('x', 'scrypt$0$8$1$AAAA$AAAA')).toBe(false);
  });
});
