/**
 * `verify`: recompute the hash chain and the projections, then hold the journal to its anchors:
 * its own export log, the signed bundles of `--against DIR`, and those at the export destination
 * of the workstation's settings when it can be reached. Exit 1 naming the first bad seq.
 */
import { destinationFor, withAnchors } from '../../export/anchors';
import { readExportSettings } from '../../export/settings';
import { expectPositionals, readArgs, withJournal } from '../args';
import type { CliCommand } from '../command';
import { keyFolder, settingsOf } from './export';

export const verify: CliCommand = {
  name: 'verify',
  summary: 'check the hash chain, the projections, and that every exported event is still there as exported',
  usage:
    'usage: warehouse-ledger verify [--against DIR]... [--workstation NAME] [--key-dir DIR] [--db FILE] [--json]\n' +
    '  --against DIR   a folder of signed bundles (a copy of the export destination) to hold the journal to',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      against: { type: 'string', multiple: true },
      workstation: { type: 'string' },
      'key-dir': { type: 'string' },
    });
    expectPositionals(positionals, 0, 0, '');
    const settings = readExportSettings(settingsOf(io));
    return withJournal(values.db, io, async (journal) => {
      const chain = journal.verify();
      const report = await withAnchors(journal, chain, {
        against: values.against ?? [],
        destination: destinationFor(journal, settings.destination, io.defaultDb),
        workstation: values.workstation ?? settings.workstation,
        keyDir: keyFolder(values['key-dir'], io),
      });
      if (values.json) io.out(JSON.stringify(report));
      else if (report.ok) {
        const a = report.anchors;
        const held =
          a && a.exports + a.bundles > 0
            ? `; every exported event still as exported (${a.exports} exports recorded` +
              (a.folders.length > 0 ? `, ${a.bundles} bundles in ${a.folders.join(', ')}` : '') +
              ')'
            : '; nothing exported yet, so nothing anchors the head';
        io.out(`ok: ${report.events} events, chain and projections intact${held}`);
      } else io.out(`NOT OK at seq ${report.firstBadSeq ?? '?'}: ${report.problem ?? 'unknown problem'}`);
      for (const dir of report.anchors?.unreachable ?? []) {
        io.err(`verify: the export destination ${dir} cannot be reached: not checked against its bundles`);
      }
      return report.ok ? 0 : 1;
    });
  },
};
