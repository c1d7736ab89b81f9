/** `report order ID --out FILE.pdf`: the incident report of one order, as a PDF for corporate. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { incidentFactsOf } from '../../report/facts';
import { incidentPdf } from '../../report/incidentPdf';
import { expectPositionals, readArgs, withJournal } from '../args';
import { UsageError, type CliCommand } from '../command';
import { keyFolder } from './export';

export const reportOrder: CliCommand = {
  name: 'report order',
  summary: "one order's incident report as a PDF: timeline, flags, corrections, hashes, chain check, export anchor",
  usage:
    'usage: warehouse-ledger report order ORDER_ID --out FILE.pdf [--order-only] [--key-dir DIR] [--db FILE] [--json]\n' +
    "  --order-only  check the hashes of the order's events only, instead of verifying the whole chain",
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      out: { type: 'string' },
      'order-only': { type: 'boolean' },
      'key-dir': { type: 'string' },
    });
    expectPositionals(positionals, 1, 1, 'the order id');
    if (values.out === undefined || values.out.trim() === '') throw new UsageError('say where with --out FILE.pdf');
    const out = path.resolve(values.out);
    if (!fs.existsSync(path.dirname(out)))
      throw new UsageError(`--out: the folder ${path.dirname(out)} does not exist`);
    const orderId = positionals[0]!;
    return withJournal(values.db, io, async (journal) => {
      const verified = values['order-only'] ? undefined : journal.verify();
      const facts = incidentFactsOf(journal, orderId, {
        keyDir: keyFolder(values['key-dir'], io),
        verified,
        generatedBy: `${os.userInfo().username} (command line)`,
      });
      const pdf = await incidentPdf(facts);
      // Written beside and renamed into place: a half-written report never carries the name.
      const temp = `${out}.${process.pid}.tmp`;
      fs.writeFileSync(temp, pdf);
      fs.renameSync(temp, out);
      if (values.json) {
        io.out(
          JSON.stringify({ file: out, bytes: pdf.length, chainOk: facts.chain.ok, anchored: facts.anchor !== null }),
        );
      } else {
        io.out(
          `wrote ${out} (${pdf.length} bytes): ${facts.events.length} events, chain ${facts.chain.ok ? 'verified' : 'BROKEN'}, ` +
            (facts.anchor ? `anchored by ${facts.anchor.bundle}` : 'not yet exported'),
        );
      }
      return facts.chain.ok ? 0 : 1;
    });
  },
};
