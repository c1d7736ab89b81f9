/** `warehouse-ledger corrections-log`: the log page's rows on the command line, as a table, JSON or CSV. */
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../electron/cli/command';
import { runCli } from '../../electron/cli/run';
import { COMMANDS } from '../../electron/cli/commands';
import { correctionsLog } from '../../electron/cli/commands/corrections-log';
import { correct, dismiss } from '../../electron/worker/handlers/corrections';
import { LOG_CSV_COLUMNS } from '../../shared/corrections';
import { OrderBook, missingPackage } from './history';
import { office, record } from './journalHarness';

async function run(db: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => '', defaultDb: db };
  const code = await runCli(argv, io, [correctionsLog]);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function loggedNight() {
  const o = office();
  const book = missingPackage();
  record(o.journal, book);
  const other = new OrderBook('1345701').created().to('PendingPicking').to('Shipped', 'Picker');
  record(o.journal, other);
  const c = correct(
    { journal: o.journal, operator: o.mark },
    { orderId: '1345693', status: 'Packed', reason: 'Found physically at bench 3, "still" packed', expectedSeq: 8 },
  );
  const d = dismiss(
    { journal: o.journal, operator: o.sue },
    { orderId: '1345701', dismissesEventId: '1345701-03', reason: 'Scanner skipped the picking', expectedSeq: 11 },
  );
  return { ...o, c, d };
}

describe('corrections-log', () => {
  it('is one of the commands', () => {
    expect(COMMANDS.map((c) => c.name)).toContain('corrections-log');
  });

  it('prints every office event, newest first, as JSON', async () => {
    const { journal, c, d } = loggedNight();
    const r = await run(journal.path, 'corrections-log', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { seq: number; fromStatus: string; toStatus: string; operator: { id: string } }[];
    expect(rows.map((x) => [x.seq, x.operator.id, x.fromStatus, x.toStatus])).toEqual([
      [d.seq, 'sbell', 'Shipped', 'Shipped'],
      [c.seq, 'mlee', 'PendingPicking', 'Packed'],
    ]);
  });

  it('filters by operator, limits, and prints CSV with the columns of the app', async () => {
    const { journal, c } = loggedNight();
    const byMark = await run(journal.path, 'corrections-log', '--operator', 'mlee', '--csv');
    const lines = byMark.out.split('\r\n');
    expect(lines[0]).toBe(LOG_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${c.seq},${c.eventId},StatusCorrected,1345693,mlee,Mark Lee,Supervisor,`);
    expect(lines[1]).toContain('"Found physically at bench 3, ""still"" packed"');
    const one = await run(journal.path, 'corrections-log', '--limit', '1', '--json');
    expect(JSON.parse(one.out)).toHaveLength(1);
    const table = await run(journal.path, 'corrections-log');
    expect(table.out).toContain('PendingPicking → Packed');
    expect(table.out).toContain('Mark Lee (Supervisor)');
  });

  it('refuses bad input with exit code 2 and says what', async () => {
    const { journal } = loggedNight();
    const bad = await run(journal.path, 'corrections-log', '--from', 'yesterday');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--from must be an ISO 8601 time with an offset (got "yesterday")');
    expect((await run(journal.path, 'corrections-log', '--limit', '0')).code).toBe(2);
    expect((await run(journal.path, 'corrections-log', '--csv', '--json')).code).toBe(2);
    const future = await run(journal.path, 'corrections-log', '--from', '2999-01-01T00:00:00Z');
    expect(future.out).toBe('no office events');
  });
});
