/**
 * The `warehouse-ledger` command line as a user runs it: the built bin spawned on temp journals
 * with the handbook's samples; exit codes, JSON shapes, and refusals on stderr.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anomalyRecord, eventRecord, importReport, orderRecord, verifyReport } from '../../shared/contract/records';
import { COMMANDS } from '../../electron/cli/commands';
import { runCli } from '../../electron/cli/run';
import { Journal } from '../../electron/journal';
import { rawConnection } from '../journal/helpers';
import { HANDBOOK_SAMPLES } from '../samples';

const ROOT = join(__dirname, '..', '..');
const SAMPLES = HANDBOOK_SAMPLES;
const dir = mkdtempSync(join(tmpdir(), 'wl-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { cwd: ROOT });
}, 60_000);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: <T = unknown>() => T;
}

function cli(args: string[], input?: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/warehouse-ledger.js'), ...args], {
    cwd: dir,
    input,
    encoding: 'utf8',
    env: {
      ...process.env,
      WAREHOUSE_LEDGER_DB: join(dir, 'default.db'),
      // The user data folder (settings, the signing key) of this test, not the account's.
      XDG_CONFIG_HOME: join(dir, 'config'),
      ...env,
    },
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json: <T>() => JSON.parse(r.stdout) as T,
  };
}

let n = 0;
/** A fresh journal with the missing-package night in it and a Supervisor and a Clerk. */
function journalWithNight(): string {
  const db = join(dir, `j${++n}.db`);
  expect(cli(['init', '--db', db]).code).toBe(0);
  expect(cli(['import', join(SAMPLES, 'missing-package.ndjson'), '--db', db]).code).toBe(0);
  const add = (id: string, role: string, as: string[] = []) =>
    cli(
      ['operators', 'add', id, '--name', `${role} ${id}`, '--role', role, '--password-stdin', ...as, '--db', db],
      'correct horse\ncorrect horse\n',
    );
  expect(add('sup', 'Supervisor').code).toBe(0);
  expect(add('clerk', 'Clerk', ['--as', 'sup']).code).toBe(0);
  return db;
}

describe('warehouse-ledger', () => {
  it('--help lists every command, and every command has its own --help', async () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toContain(c.name);
    // Each command's own --help, in process (spawning sixteen Node processes teaches nothing more).
    for (const c of COMMANDS) {
      const out: string[] = [];
      const io = {
        out: (t: string) => out.push(t),
        err: (t: string) => out.push(t),
        readStdin: async () => '',
        defaultDb: 'x',
      };
      expect([c.name, await runCli([...c.name.split(' '), '--help'], io)]).toEqual([c.name, 0]);
      expect(out.join('\n')).toContain('usage:');
    }
    expect(cli([]).code).toBe(2);
    const unknown = cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });

  it('import --json reports the handbook shape; bad lines are listed with their reasons; CSV after NDJSON is all duplicates', () => {
    const db = join(dir, 'import.db');
    const bad = cli(['import', join(SAMPLES, 'bad-lines.ndjson'), '--db', db, '--json']);
    // Refused lines: exit 1, so a script can tell (and the report still says everything).
    expect(bad.code).toBe(1);
    const report = importReport.parse(bad.json());
    expect(report).toMatchObject({ accepted: 2, duplicates: 1, blank: 1 });
    expect(report.rejected).toHaveLength(9);
    const both = cli([
      'import',
      join(SAMPLES, 'missing-package.ndjson'),
      join(SAMPLES, 'missing-package.csv'),
      '--db',
      db,
      '--json',
    ]);
    expect(both.code).toBe(0);
    const [ndjson, csv] = both.json<unknown[]>().map((r) => importReport.parse(r));
    // All already there is success too.
    expect(cli(['import', join(SAMPLES, 'missing-package.csv'), '--db', db]).code).toBe(0);
    expect(ndjson).toMatchObject({ accepted: 23, anomalies: 2 });
    expect(csv).toMatchObject({ accepted: 0, duplicates: 23 });
    const human = cli(['import', join(SAMPLES, 'bad-lines.ndjson'), '--db', db]);
    expect(human.stdout).toContain('line 12: unknown role "Janitor"');
    expect(human.code).toBe(1);

    // The refused lines are listed, and one put right is imported and marked fixed.
    const kept = cli(['rejected', '--db', db, '--json']).json<{ id: number; line: number; raw: string }[]>();
    const janitor = kept.find((r) => r.line === 12)!;
    const retry = cli(
      ['rejected', 'retry', String(janitor.id), '--line-stdin', '--db', db, '--json'],
      janitor.raw.replace('Janitor', 'TeamLead'),
    );
    expect([retry.code, retry.stderr]).toEqual([0, '']);
    expect(retry.json()).toMatchObject({ outcome: 'recorded', eventId: 's-2000001-07' });
    const still = cli(['rejected', 'retry', String(janitor.id), '--line', janitor.raw, '--db', db]);
    expect(still.code).toBe(2);
    expect(cli(['rejected', '--db', db, '--json']).json<unknown[]>()).toHaveLength(kept.length - 1);
    const missing = cli(['import', join(dir, 'nope.ndjson'), '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.ndjson.*ENOENT/);
    // The worst outcome of any file: one unreadable beside one with refused lines is 2.
    expect(cli(['import', join(SAMPLES, 'bad-lines.ndjson'), join(dir, 'nope.ndjson'), '--db', db]).code).toBe(2);
    const help = cli(['import', '--help']);
    expect(help.stdout + help.stderr).toMatch(
      /exit codes: 0 every line recorded or already there[\s\S]*1 some line was refused[\s\S]*2 a file could not be read/,
    );
  });

  it('orders --json streams every order, a page at a time, as one JSON array', async () => {
    const file = join(dir, 'many-orders.db');
    const journal = Journal.open(file);
    const events = Array.from({ length: 4500 }, (_, i) => {
      const timestamp = new Date(Date.UTC(2026, 10, 26, 8) + i * 1000).toISOString();
      return {
        event: {
          eventId: `many-${i}`,
          type: 'OrderCreated' as const,
          orderId: `M-${String(i).padStart(5, '0')}`,
          initiatedBy: { id: 'order-webhook', role: 'System' as const },
          timestamp,
          data: { customer: `Customer ${i}`, lines: [{ sku: 'A', qty: 1 }] },
        },
        instant: Date.parse(timestamp),
      };
    });
    journal.appendBatch(events, 'many');
    const want = journal.orders({ limit: 10_000 });
    journal.close();
    const out: string[] = [];
    const io = {
      out: (t: string) => out.push(t),
      err: (t: string) => out.push(t),
      readStdin: async () => '',
      defaultDb: 'x',
    };
    expect(await runCli(['orders', '--db', file, '--json'], io)).toBe(0);
    // Written in several pieces (never the whole list in one string), together one array of every order.
    expect(out.length).toBeGreaterThan(3);
    expect(JSON.parse(out.join('\n'))).toEqual(JSON.parse(JSON.stringify(want)));
    out.length = 0;
    expect(await runCli(['orders', '--db', file, '--json', '--status', 'Shipped'], io)).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual([]);
  });

  it('orders, history and anomalies give the journal records as JSON, filtered', () => {
    const db = journalWithNight();
    const orders = cli(['orders', '--db', db, '--json'])
      .json<unknown[]>()
      .map((o) => orderRecord.parse(o));
    expect(orders.map((o) => [o.orderId, o.status, o.openAnomalies])).toEqual([
      ['1345693', 'PendingPicking', 1],
      ['1345701', 'Shipped', 1],
      ['1345702', 'Shipped', 0],
    ]);
    const shipped = cli(['orders', '--status', 'Shipped', '--with-anomalies', '--db', db, '--json']).json<
      { orderId: string }[]
    >();
    expect(shipped.map((o) => o.orderId)).toEqual(['1345701']);
    const badStatus = cli(['orders', '--status', 'Teleported', '--db', db]);
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain('unknown status "Teleported"');

    const history = cli(['history', '1345693', '--db', db, '--json'])
      .json<unknown[]>()
      .map((e) => eventRecord.parse(e));
    expect(history).toHaveLength(8);
    expect(history[7]!.anomalies).toEqual([
      expect.objectContaining({ kind: 'illegal-transition', severity: 'error', open: true }),
    ]);
    const table = cli(['history', '1345693', '--db', db]).stdout;
    // The event ids are what `correct --corrects` takes; the kinds are in words.
    expect(table).toMatch(/^seq +event +timestamp +type/m);
    expect(table).toMatch(/^ +8 +s-1345693-08 /m);
    expect(table).toContain('Illegal status change');
    const none = cli(['history', 'no-such-order', '--db', db]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no-such-order');

    const anomalies = cli(['anomalies', '--open', '--kind', 'illegal-transition', '--db', db, '--json'])
      .json<unknown[]>()
      .map((a) => anomalyRecord.parse(a));
    expect(anomalies.map((a) => a.eventId).sort()).toEqual(['s-1345693-08', 's-1345701-05']);
    // What the order would be now without the flagged event (handbook §6), or null.
    const suggested = cli(['anomalies', '--db', db, '--json']).json<{ eventId: string; suggestedStatus: unknown }[]>();
    expect(Object.fromEntries(suggested.map((a) => [a.eventId, a.suggestedStatus]))).toEqual({
      's-1345693-08': 'Packed',
      's-1345701-05': 'Picking',
    });
    const inbox = cli(['anomalies', '--db', db]).stdout;
    expect(inbox).toMatch(/^seq +event +order +anomaly +severity +state +suggested/m);
    expect(inbox).toMatch(/s-1345693-08 +1345693 +Illegal status change +error +open +Packed /);
    expect(cli(['anomalies', '--kind', 'over-pick', '--db', db, '--json']).json()).toEqual([]);
    const badKind = cli(['anomalies', '--kind', 'gremlins', '--db', db]);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('unknown anomaly kind "gremlins"');
  });

  it('anomalies: a duplicate creation on an order shipped since needs no correction (suggestedStatus null)', () => {
    const db = join(dir, `j${++n}.db`);
    const file = join(dir, `dup${n}.ndjson`);
    const by = { id: 'hook', role: 'System' };
    const event = (i: number, type: string, data: object) =>
      JSON.stringify({
        eventId: `d-${i}`,
        type,
        orderId: '900',
        initiatedBy: by,
        timestamp: `2026-11-26T10:0${i}:00Z`,
        data,
      });
    const lines = [event(1, 'OrderCreated', { lines: [{ sku: 'A', qty: 1 }] })];
    ['PendingPicking', 'Picking', 'Picked', 'Packed', 'Shipped'].forEach((status, i) =>
      lines.push(event(i + 2, 'StatusChanged', { status })),
    );
    lines.push(event(8, 'OrderCreated', { lines: [{ sku: 'A', qty: 1 }] }));
    writeFileSync(file, lines.join('\n') + '\n');
    expect(cli(['import', file, '--db', db]).code).toBe(0);
    const rows = cli(['anomalies', '--db', db, '--json']).json<{ kind: string; suggestedStatus: unknown }[]>();
    expect(rows).toEqual([expect.objectContaining({ kind: 'duplicate-creation', suggestedStatus: null })]);
    expect(cli(['anomalies', '--db', db]).stdout).toContain('no correction needed');
  });

  it('search finds a person by name, a customer, part of an order id; refuses what it cannot look up', () => {
    const db = journalWithNight();
    const walter = cli(['search', 'Walter', '--db', db, '--json']).json<{
      terms: string[];
      events: { eventId: string }[];
      orders: { orderId: string }[];
    }>();
    expect(walter.terms).toEqual(['Walter']);
    expect(walter.events.map((e) => e.eventId)).toEqual(['s-1345693-08']);
    expect(walter.orders.map((o) => o.orderId)).toEqual(['1345693']);
    const table = cli(['search', 'Bay', 'Street', '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^seq +event +timestamp +type +order +by/m);
    expect(table.stdout).toContain('s-1345701-01');
    expect(table.stdout).toContain('Bay Street Vet');
    expect(cli(['search', 'nobody-here', '--db', db]).stdout).toContain('no event matches "nobody-here"');
    const short = cli(['search', 'ab', '--db', db]);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least one word of 3 characters');
    expect(cli(['search', '--db', db]).code).toBe(2);
  });

  it('correct writes a StatusCorrected for a Supervisor who proves it, refuses the rest with exit 2 and a reason', () => {
    const db = journalWithNight();
    const base = ['correct', '1345693', '--status', 'Packed', '--corrects', 's-1345693-08', '--db', db, '--json'];
    const reason = ['--reason', 'set back by mistake; the package was on the truck'];
    const as = (id: string) => ['--operator', id, '--password-stdin'];
    const pw = 'correct horse\n';

    const noOperator = cli([...base, ...reason]);
    expect(noOperator.code).toBe(2);
    expect(noOperator.stderr).toContain('--operator');
    // Anyone with a shell naming the Supervisor: refused without the password, and with a wrong one.
    const named = cli([...base, ...reason, '--operator', 'sup'], pw);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('--password-stdin is required');
    const guessed = cli([...base, ...reason, ...as('sup')], 'sup\n');
    expect(guessed.code).toBe(2);
    expect(guessed.stderr).toContain('That operator id and password do not match');
    const empty = cli([...base, ...reason, ...as('sup')], '');
    expect(empty.code).toBe(2);
    const clerk = cli([...base, ...reason, ...as('clerk')], pw);
    expect(clerk.code).toBe(2);
    expect(clerk.stderr.length).toBeGreaterThan(0);
    const stranger = cli([...base, ...reason, ...as('nobody')], pw);
    expect(stranger.code).toBe(2);
    // The same words for an id that does not exist: a refusal never tells which ids do.
    expect(stranger.stderr.replace('nobody', 'sup')).toBe(guessed.stderr);
    const stale = cli([...base, ...reason, ...as('sup'), '--expected-seq', '7'], pw);
    expect(stale.code).toBe(2);
    expect(stale.stderr.length).toBeGreaterThan(0);
    const badSeq = cli([...base, ...reason, ...as('sup'), '--expected-seq', 'seven'], pw);
    expect(badSeq.code).toBe(2);
    expect(badSeq.stderr).toContain('--expected-seq must be a whole number');
    expect(cli(['history', '1345693', '--db', db, '--json']).json<unknown[]>()).toHaveLength(8);

    const done = cli([...base, ...reason, ...as('sup'), '--expected-seq', '8'], pw);
    expect([done.code, done.stderr]).toEqual([0, '']);
    expect(done.json()).toMatchObject({ seq: 24, status: 'Packed', eventId: expect.any(String) });
    const after = cli(['history', '1345693', '--db', db, '--json']).json<{ anomalies: { open: boolean }[] }[]>();
    expect(after[7]!.anomalies[0]!.open).toBe(false);
    expect(cli(['verify', '--db', db, '--json']).json()).toMatchObject({ ok: true, events: 24 });
  });

  it('counts wrong passwords on the command line against the same throttle as the sign-in form', () => {
    const db = journalWithNight();
    const base = ['dismiss', '1345693', '--event', 's-1345693-08', '--reason', 'checked on the floor: it was right'];
    const as = ['--operator', 'sup', '--password-stdin', '--db', db];
    // A wrong password on the command line is kept in the sign-in log, from the command line.
    const guess = cli([...base, ...as], 'guess\n');
    expect([guess.code, guess.stderr]).toEqual([2, expect.stringContaining('do not match')]);
    const journal = Journal.open(db);
    try {
      expect(journal.signInAttempts({ limit: 5 })[0]).toMatchObject({
        operatorId: 'sup',
        session: 'command line',
        outcome: 'wrong-password',
      });
      // Nine more wrong passwords (as the sign-in form would have kept them): the lock is on.
      const now = Date.now();
      for (let i = 0; i < 9; i++) {
        journal.recordSignIn({ operatorId: 'sup', at: new Date(now), session: 'window-1', outcome: 'wrong-password' });
      }
    } finally {
      journal.close();
    }
    // Locked, even the right password is refused on the command line, saying until when.
    const right = cli([...base, ...as], 'correct horse\n');
    expect(right.code).toBe(2);
    expect(right.stderr).toMatch(/try again at \d\d:\d\d/);
    // Nothing was written in the Supervisor's name.
    expect(cli(['history', '1345693', '--db', db, '--json']).json<unknown[]>()).toHaveLength(8);
  });

  it('dismiss records that a flagged event needs no correction, for an operator who proves who they are', () => {
    const db = journalWithNight();
    const base = ['dismiss', '1345693', '--event', 's-1345693-08', '--reason', 'checked on the floor: it was right'];
    const named = cli([...base, '--operator', 'sup', '--db', db]);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('--password-stdin is required');
    const guessed = cli([...base, '--operator', 'sup', '--password-stdin', '--db', db], 'letmein\n');
    expect(guessed.code).toBe(2);
    const done = cli([...base, '--operator', 'sup', '--password-stdin', '--db', db, '--json'], 'correct horse\n');
    expect([done.code, done.stderr]).toEqual([0, '']);
    expect(done.json()).toMatchObject({ seq: 24, eventId: expect.any(String) });
    const events = cli(['history', '1345693', '--db', db, '--json']).json<
      { type: string; initiatedBy: { id: string } }[]
    >();
    expect(events.at(-1)).toMatchObject({ initiatedBy: { id: 'sup' } });
  });

  it('requests lists what Clerks handed to a Supervisor, waiting or --all, with who asked and why', () => {
    const db = journalWithNight();
    expect(cli(['requests', '--db', db, '--json']).json()).toEqual([]);
    const journal = Journal.open(db);
    const reason = 'Found at the packing bench, still packed';
    const seq = journal.order('1345693')!.lastSeq;
    journal.requestCorrection({
      operatorId: 'clerk',
      orderId: '1345693',
      correctsEventId: 's-1345693-08',
      status: 'Packed',
      reason,
      expectedSeq: seq,
    });
    journal.close();
    const waiting = cli(['requests', '--db', db, '--json']);
    expect([waiting.code, waiting.stderr]).toEqual([0, '']);
    expect(waiting.json()).toEqual([
      expect.objectContaining({
        orderId: '1345693',
        correctsEventId: 's-1345693-08',
        status: 'Packed',
        reason,
        requestedBy: { id: 'clerk', name: 'Clerk clerk', role: 'Clerk' },
        state: 'open',
      }),
    ]);
    expect(cli(['requests', '--db', db]).stdout).toMatch(/Clerk clerk \(Clerk\).*1345693.*s-1345693-08.*Packed.*open/);
    const done = cli(
      [
        ...['correct', '1345693', '--status', 'Packed', '--corrects', 's-1345693-08', '--reason', reason],
        ...['--operator', 'sup', '--password-stdin', '--db', db],
      ],
      'correct horse\n',
    );
    expect([done.code, done.stderr]).toEqual([0, '']);
    expect(cli(['requests', '--db', db]).stdout).toContain('no correction request is waiting');
    expect(cli(['requests', '--all', '--db', db, '--json']).json()).toEqual([
      expect.objectContaining({ state: 'corrected', endedBy: expect.objectContaining({ status: 'Packed' }) }),
    ]);
    expect(cli(['requests', '--limit', '0', '--db', db]).code).toBe(2);
  });

  it('verify exits 1 naming the first bad seq; rebuild puts a projection right', () => {
    const db = journalWithNight();
    const ok = cli(['verify', '--db', db, '--json']);
    expect(ok.code).toBe(0);
    expect(verifyReport.parse(ok.json())).toEqual({
      ok: true,
      events: 23,
      firstBadSeq: null,
      problem: null,
      // Nothing exported yet: nothing anchors the head.
      anchors: { exports: 0, bundles: 0, folders: [], unreachable: [] },
    });

    const raw = rawConnection(db);
    raw.exec(`UPDATE orders SET status = 'Shipped' WHERE order_id = '1345693'`);
    raw.close();
    const broken = cli(['verify', '--db', db, '--json']);
    expect(broken.code).toBe(1);
    expect(verifyReport.parse(broken.json())).toMatchObject({ ok: false });
    expect(cli(['rebuild', '--db', db]).code).toBe(0);
    expect(cli(['verify', '--db', db]).code).toBe(0);
  });

  it('rules list and show; seed fills a journal; every command takes --db or the default journal', () => {
    const list = cli(['rules', 'list', '--json']);
    // No journal yet at the default path: refused, saying where it looked.
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('default.db');
    expect(cli(['init']).code).toBe(0);
    const rules = cli(['rules', 'list', '--json']).json<{ key: string; active: boolean }[]>();
    expect(rules.filter((r) => r.active).map((r) => r.key)).toEqual(['floor-rules@2']);
    expect(rules.map((r) => r.key)).toContain('training-handbook-1998@1');
    const show = cli(['rules', 'show', 'training-handbook-1998']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('PostPicking');
    expect(cli(['rules', 'show', 'nonsense']).code).toBe(2);

    const seeded = cli(['seed', '--orders', '40', '--seed', '7', '--json']);
    expect(seeded.code).toBe(0);
    const report = seeded.json<{ accepted: number; events: number }>();
    expect(report.accepted).toBe(report.events);
    expect(cli(['history', '1345693', '--json']).json<unknown[]>()).toHaveLength(8);
    expect(cli(['seed', '--orders', 'many']).code).toBe(2);
    expect(cli(['verify']).code).toBe(0);
  });

  it('operators add reads the password from stdin only, and says what is wrong', () => {
    const db = join(dir, 'ops.db');
    cli(['init', '--db', db]);
    const noStdin = cli(['operators', 'add', 'x', '--name', 'X', '--role', 'Clerk', '--db', db]);
    expect(noStdin.code).toBe(2);
    expect(noStdin.stderr).toContain('--password-stdin');
    const badRole = cli(
      ['operators', 'add', 'x', '--name', 'X', '--role', 'Janitor', '--password-stdin', '--db', db],
      'pw',
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role must be one of');
    // The first operator of an empty journal needs no authority, but must be a Supervisor.
    const firstClerk = cli(
      ['operators', 'add', 'x', '--name', 'X Y', '--role', 'Clerk', '--password-stdin', '--db', db],
      'long enough password\n',
    );
    expect(firstClerk.code).toBe(2);
    expect(firstClerk.stderr).toContain('the first operator of a journal must be a Supervisor');
    const first = cli(
      ['operators', 'add', 'sue', '--name', 'Sue', '--role', 'Supervisor', '--password-stdin', '--db', db, '--json'],
      'sue supervisor pw\n',
    );
    expect(first.json()).toEqual({ id: 'sue', name: 'Sue', role: 'Supervisor' });
    const added = cli(
      [
        'operators',
        'add',
        'x',
        '--name',
        'X Y',
        '--role',
        'Clerk',
        '--password-stdin',
        '--as',
        'sue',
        '--db',
        db,
        '--json',
      ],
      'long enough password\nsue supervisor pw\n',
    );
    expect(added.json()).toEqual({ id: 'x', name: 'X Y', role: 'Clerk' });
  });

  it('operators disable and reset-password take a Supervisor proven on stdin, and are office events', () => {
    const db = journalWithNight();
    const why = ['--reason', 'Moved to the Dayton warehouse'];
    const noProof = cli(['operators', 'disable', 'clerk', '--as', 'sup', ...why, '--db', db]);
    expect([noProof.code, noProof.stderr]).toEqual([2, expect.stringContaining('--password-stdin is required')]);
    const wrong = cli(
      ['operators', 'disable', 'clerk', '--as', 'sup', ...why, '--password-stdin', '--db', db],
      'nope\n',
    );
    expect(wrong.code).toBe(2);
    const self = cli(
      ['operators', 'disable', 'sup', '--as', 'sup', ...why, '--password-stdin', '--db', db],
      'correct horse\n',
    );
    expect([self.code, self.stderr]).toEqual([2, expect.stringContaining('cannot disable yourself')]);

    const reset = cli(
      ['operators', 'reset-password', 'clerk', '--as', 'sup', ...why, '--password-stdin', '--db', db, '--json'],
      'battery staple\ncorrect horse\n',
    );
    expect([reset.code, reset.stderr]).toEqual([0, '']);
    const journal = Journal.open(db);
    expect(journal.authenticate('clerk', 'battery staple')).toMatchObject({ id: 'clerk' });
    expect(journal.event({ seq: reset.json<{ seq: number }>().seq })).toMatchObject({ type: 'PasswordReset' });
    journal.close();

    const done = cli(
      ['operators', 'disable', 'clerk', '--as', 'sup', ...why, '--password-stdin', '--db', db, '--json'],
      'correct horse\n',
    );
    expect([done.code, done.stderr]).toEqual([0, '']);
    expect(cli(['operators', 'list', '--db', db, '--json']).json()).toContainEqual({
      id: 'clerk',
      name: 'Clerk clerk',
      role: 'Clerk',
      disabled: true,
    });
    // The disabled Clerk cannot act on the command line either, refused in words.
    const signIn = cli(
      [
        ...['dismiss', '1345693', '--event', 's-1345693-08', '--reason', 'checked on the floor: it was right'],
        ...['--operator', 'clerk', '--password-stdin', '--db', db],
      ],
      'battery staple\n',
    );
    expect([signIn.code, signIn.stderr]).toEqual([2, expect.stringContaining('has been disabled by a Supervisor')]);
  });

  it('operators add refuses a new Supervisor from anyone without a Supervisor behind them', () => {
    const db = journalWithNight();
    const mallory = (as: string[], stdin: string) =>
      cli(
        ['operators', 'add', 'mallory', '--name', 'M', '--role', 'Supervisor', '--password-stdin', ...as, '--db', db],
        stdin,
      );
    const noAuthority = mallory([], 'mallory password\n');
    expect(noAuthority.code).toBe(2);
    expect(noAuthority.stderr).toContain("takes a Supervisor's authority: --as SUPERVISOR");
    const wrong = mallory(['--as', 'sup'], 'mallory password\nguess\n');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('That operator id and password do not match');
    const byClerk = mallory(['--as', 'clerk'], 'mallory password\ncorrect horse\n');
    expect(byClerk.code).toBe(2);
    expect(byClerk.stderr).toContain('only a Supervisor adds operators; clerk is a Clerk');
    const ops = cli(['operators', 'list', '--db', db, '--json']).json<{ id: string }[]>();
    expect(ops.map((o) => o.id)).toEqual(['clerk', 'sup']);
  });
});
