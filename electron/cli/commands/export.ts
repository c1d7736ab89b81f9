/**
 * Export to corporate from the command line:
 *
 *   key                                      print the workstation's public key (PEM) for corporate
 *   export --out DIR [--workstation NAME]    write one bundle of everything not yet exported (NAME: by
 *                                            default the app's export settings, else the machine's name)
 *   verify-export BUNDLE --pubkey FILE [--previous BUNDLE]
 *                                            check a bundle; exit 1 naming every problem
 *
 * The workstation's key lives beside the journal (the user data folder for the app's journal);
 * `--key-dir` points elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { exportBundle } from '../../export/exportBundle';
import { ExportError } from '../../export/errors';
import { workstationKey } from '../../export/keys';
import { readExportSettings } from '../../export/settings';
import { userDataFolder } from '../../paths';
import { SETTINGS_FILE, SettingsStore } from '../../settings/store';
import { verifyExport } from '../../export/verify';
import { expectPositionals, readArgs, withJournal } from '../args';
import { UsageError, type CliCommand, type CliIo } from '../command';

/** The folder of the workstation's key: the journal's folder unless `--key-dir` says otherwise. */
export function keyFolder(keyDir: string | undefined, db: string | undefined, io: CliIo): string {
  return path.resolve(keyDir ?? path.dirname(path.resolve(db ?? io.defaultDb)));
}

/** The workstation name the app's export settings give (else the machine's name): one name per machine. */
function appWorkstation(): string {
  const file = path.join(userDataFolder(), SETTINGS_FILE);
  return readExportSettings(new SettingsStore(fs.existsSync(file) ? file : null)).workstation;
}

export const keyCommand: CliCommand = {
  name: 'key',
  summary: "print the workstation's public key (PEM), which corporate uses to verify exports",
  usage: 'usage: warehouse-ledger key [--key-dir DIR] [--db FILE] [--json]',
  run(args, io) {
    const { values, positionals } = readArgs(args, { 'key-dir': { type: 'string' } });
    expectPositionals(positionals, 0, 0, '');
    const key = workstationKey(keyFolder(values['key-dir'], values.db, io));
    if (values.json) io.out(JSON.stringify({ publicKey: key.publicKeyPem, fingerprint: key.fingerprint }));
    else io.out(key.publicKeyPem.trimEnd());
    return 0;
  },
};

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write one bundle of the events not yet exported (with orders, anomalies and a signed manifest)',
  usage: 'usage: warehouse-ledger export --out DIR [--workstation NAME] [--key-dir DIR] [--db FILE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      out: { type: 'string' },
      workstation: { type: 'string' },
      'key-dir': { type: 'string' },
    });
    expectPositionals(positionals, 0, 0, '');
    if (values.out === undefined) throw new UsageError('--out DIR is required: the folder to write the bundle into');
    const out = values.out;
    const keyDir = keyFolder(values['key-dir'], values.db, io);
    return withJournal(values.db, io, async (journal) => {
      try {
        const r = await exportBundle(journal, {
          destination: out,
          workstation: values.workstation ?? appWorkstation(),
          keyDir,
        });
        if (values.json) {
          io.out(JSON.stringify({ bundle: r.bundle, fromSeq: r.fromSeq, toSeq: r.toSeq, events: r.events }));
        } else if (r.bundle === null) {
          io.out(`nothing new since seq ${r.toSeq}: no bundle written`);
        } else {
          io.out(`${r.adopted ? 'recorded' : 'wrote'} ${r.path} (seq ${r.fromSeq}–${r.toSeq}, ${r.events} events)`);
        }
        return 0;
      } catch (err) {
        if (err instanceof ExportError) {
          io.err(`export: ${err.message}`);
          return 2;
        }
        throw err;
      }
    });
  },
};

export const verifyExportCommand: CliCommand = {
  name: 'verify-export',
  summary: "check a bundle: every file's hash, the signature, the chain, and that it continues the previous one",
  usage: 'usage: warehouse-ledger verify-export BUNDLE --pubkey FILE [--previous BUNDLE] [--json]',
  async run(args, io) {
    const { values, positionals } = readArgs(args, { pubkey: { type: 'string' }, previous: { type: 'string' } });
    expectPositionals(positionals, 1, 1, 'BUNDLE: the bundle folder to check');
    if (values.pubkey === undefined) throw new UsageError("--pubkey FILE is required: the workstation's public key");
    let pem: string;
    try {
      pem = fs.readFileSync(values.pubkey, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read the public key ${values.pubkey}: ${(err as Error).message}`);
    }
    const bundle = positionals[0]!;
    const report = await verifyExport(bundle, pem, values.previous);
    if (values.json) io.out(JSON.stringify({ ok: report.ok, problems: report.problems }));
    else if (report.ok) {
      const m = report.manifest!;
      io.out(
        `ok: ${path.basename(path.resolve(bundle))}, seq ${m.fromSeq}–${m.toSeq}, ${m.counts.events} events, signed by ${m.workstation}` +
          (values.previous !== undefined ? ', continues the previous bundle' : ''),
      );
    } else {
      io.out(`NOT OK: ${bundle}`);
      for (const p of report.problems) io.out(`  - ${p}`);
    }
    return report.ok ? 0 : 1;
  },
};
