/**
 * The UI figures alone, against a journal made once: `node dist-node/bench-ui.js DB [--events N]`.
 * A DB that does not exist yet is made first (N generated events, seed 1, as the bench makes them,
 * and the bench's supervisor), so the Chromium part can be measured again without the rest.
 */
import { existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importFile } from '../electron/import';
import { Journal } from '../electron/journal';
import { generateEvents, writeNdjson } from '../electron/seed';
import { measureJournalView, uiUnavailable } from './ui';

const operator = { id: 'bench-sup', password: 'bench password' };

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { events: { type: 'string' } },
    allowPositionals: true,
  });
  const db = positionals[0];
  if (!db) throw new Error('usage: bench-ui.js DB [--events N]');
  if (!existsSync(db)) {
    const events = Number((values.events ?? '1000000').replace(/_/g, ''));
    const file = `${db}.ndjson`;
    writeNdjson(file, generateEvents({ events, seed: 1 }));
    const journal = Journal.open(db);
    try {
      await importFile(journal, file);
      journal.addOperator({
        id: operator.id,
        name: 'Bench Supervisor',
        role: 'Supervisor',
        password: operator.password,
      });
    } finally {
      journal.close();
    }
    rmSync(file, { force: true });
  }
  const unavailable = uiUnavailable();
  if (unavailable) throw new Error(unavailable);
  const ui = await measureJournalView(db, operator);
  const row = (what: string, ms: number[]) =>
    `${what}: worst ${Math.max(...ms).toFixed(0)} ms (${ms.map((m) => m.toFixed(0)).join(', ')})\n`;
  process.stdout.write(row('fresh page load, journal', ui.freshLoadMs));
  for (const p of ui.freshLoadParts) {
    const ms = (n: number) => n.toFixed(0).padStart(4);
    process.stdout.write(
      `  document ${ms(p.document)}, scripts run ${ms(p.scripts)}, page asked ${ms(p.asked)}, answer ${ms(p.answerStarts)}–${ms(p.answered)}, session ${ms(p.session)}, rows ${ms(p.rows)}\n`,
    );
  }
  process.stdout.write(row('cold navigation, orders', ui.coldNavigationMs));
  process.stdout.write(`frames a second while scrolling: ${ui.framesPerSecond.toFixed(0)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
