/**
 * Export to corporate from the command line:
 *
 *   key                                      print the workstation's public key (PEM) for corporate
 *   export --out DIR [--workstation NAME]    write one bundle of everything not yet exported (NAME: by
 *                                            default the app's export settings, else the machine's name)
 *   verify-export BUNDLE --pubkey FILE [--previous BUNDLE]
 *                                            check a bundle; exit 1 naming every problem
 *
 *   export settings [--destination DIR] [--workstation NAME] [--settings FILE]
 *                                            the app's export destination (the browser host has no folder
 *                                            dialog: this is where its destination is set) and name
 *
 *   key rotate                               make the next key; the next export announces it (signed by the old one)
 *   key replace-lost --yes                   a new key after the old one was lost
 *
 * The workstation's key lives in its own folder in the user data folder (never beside the
 * journal); `--key-dir` points elsewhere, for scripts and tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { exportBundle } from '../../export/exportBundle';
import { ExportError } from '../../export/errors';
import {
  adoptLegacyKey,
  currentPublicKey,
  defaultKeyFolder,
  KeyError,
  keyFingerprint,
  pendingPublicKey,
  plainKeys,
  replaceLostKey,
  workstationKey,
} from '../../export/keys';
import { rotateWorkstationKey } from '../../export/rotation';
import { bundleWorkstations, MANIFEST_FILE, parseBundleName } from '../../export/layout';
import { readExportSettings, writeExportSettings } from '../../export/settings';
import { exportSettingsRecord } from '../../../shared/contract/export';
import { userDataFolder } from '../../paths';
import { SETTINGS_FILE, SettingsStore } from '../../settings/store';
import { verifyBundleSeries, verifyExport } from '../../export/verify';
import { expectPositionals, readArgs, withJournal } from '../args';
import { UsageError, type CliCommand, type CliIo } from '../command';

/** The folder of the workstation's key: its own folder in the user data folder unless `--key-dir` says otherwise. */
export function keyFolder(keyDir: string | undefined, io: CliIo): string {
  return path.resolve(keyDir ?? defaultKeyFolder(io.userData ?? userDataFolder()));
}

/** The workstation's settings file (export destination and name, the inbox). */
export function settingsOf(io: CliIo): SettingsStore {
  const file = path.join(io.userData ?? userDataFolder(), SETTINGS_FILE);
  return new SettingsStore(fs.existsSync(file) ? file : null);
}

/** The workstation name the app's export settings give (else the machine's name): one name per machine. */
function appWorkstation(io: CliIo): string {
  return readExportSettings(settingsOf(io)).workstation;
}

function keyRefusal<T>(fn: () => Promise<T>, io: CliIo, command: string): Promise<T | 2> {
  return fn().catch((err: unknown) => {
    if (err instanceof KeyError) {
      io.err(`${command}: ${err.message}`);
      return 2 as const;
    }
    throw err;
  });
}

export const keyCommand: CliCommand = {
  name: 'key',
  summary: "print the workstation's public key (PEM), which corporate uses to verify exports",
  usage: 'usage: warehouse-ledger key [--key-dir DIR] [--json]',
  run(args, io) {
    const { values, positionals } = readArgs(args, { 'key-dir': { type: 'string' } });
    expectPositionals(positionals, 0, 0, '');
    const dir = keyFolder(values['key-dir'], io);
    return keyRefusal(
      async () => {
        const key = currentPublicKey(dir) ?? (await workstationKey(dir));
        const pending = pendingPublicKey(dir);
        if (values.json) {
          io.out(
            JSON.stringify({
              publicKey: key.publicKeyPem,
              fingerprint: key.fingerprint,
              pending: pending ? { publicKey: pending.publicKeyPem, fingerprint: pending.fingerprint } : null,
            }),
          );
        } else {
          io.out(key.publicKeyPem.trimEnd());
          if (pending) io.err(`a rotation is pending: the next export announces the new key ${pending.fingerprint}`);
        }
        return 0;
      },
      io,
      'key',
    );
  },
};

export const keyRotateCommand: CliCommand = {
  name: 'key rotate',
  summary: 'make a new signing key; the next export is signed by the old one and announces it to corporate',
  usage: 'usage: warehouse-ledger key rotate [--key-dir DIR] [--db FILE] [--json]',
  run(args, io) {
    const { values, positionals } = readArgs(args, { 'key-dir': { type: 'string' } });
    expectPositionals(positionals, 0, 0, '');
    const dir = keyFolder(values['key-dir'], io);
    return withJournal(values.db, io, (journal) =>
      keyRefusal(
        async () => {
          const next = await rotateWorkstationKey(journal, { dir, protector: plainKeys });
          if (values.json) io.out(JSON.stringify({ publicKey: next.publicKeyPem, fingerprint: next.fingerprint }));
          else
            io.out(
              `made the new key ${next.fingerprint}; the next export is signed by the current key and announces it`,
            );
          return 0;
        },
        io,
        'key rotate',
      ),
    );
  },
};

export const keyReplaceLostCommand: CliCommand = {
  name: 'key replace-lost',
  summary: 'make a new key after the old one was lost (corporate must register it by hand)',
  usage: 'usage: warehouse-ledger key replace-lost --yes [--key-dir DIR] [--json]',
  run(args, io) {
    const { values, positionals } = readArgs(args, { 'key-dir': { type: 'string' }, yes: { type: 'boolean' } });
    expectPositionals(positionals, 0, 0, '');
    if (!values.yes) {
      throw new UsageError(
        'corporate will reject every bundle signed by the new key until it registers it by hand: say --yes once that is arranged',
      );
    }
    const dir = keyFolder(values['key-dir'], io);
    return keyRefusal(
      async () => {
        const key = await replaceLostKey(dir);
        if (values.json) io.out(JSON.stringify({ publicKey: key.publicKeyPem, fingerprint: key.fingerprint }));
        else io.out(key.publicKeyPem.trimEnd());
        return 0;
      },
      io,
      'key replace-lost',
    );
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
    const keyDir = keyFolder(values['key-dir'], io);
    return withJournal(values.db, io, async (journal) => {
      try {
        if (values['key-dir'] === undefined) adoptLegacyKey(journal.path, keyDir, (t) => io.err(`export: ${t}`));
        const r = await exportBundle(journal, {
          destination: out,
          workstation: values.workstation ?? appWorkstation(io),
          keyDir,
        });
        if (values.json) {
          io.out(JSON.stringify({ bundle: r.bundle, fromSeq: r.fromSeq, toSeq: r.toSeq, events: r.events }));
        } else if (r.bundle === null) {
          io.out(`nothing new since seq ${r.toSeq}: no bundle written`);
        } else {
          io.out(
            `${r.adopted ? 'recorded' : 'wrote'} ${r.path} (seq ${r.fromSeq}–${r.toSeq}, ${r.events} events)` +
              (r.announcedKey ? `; announced the new key ${r.announcedKey}, which signs from now on` : ''),
          );
        }
        return 0;
      } catch (err) {
        if (err instanceof KeyError) {
          io.err(`export: ${err.message}`);
          return 2;
        }
        if (err instanceof ExportError) {
          io.err(`export: ${err.message}`);
          return 2;
        }
        throw err;
      }
    });
  },
};

export const exportSettingsCommand: CliCommand = {
  name: 'export settings',
  summary:
    "show or set the app's export destination and workstation name (the browser host's destination is set only here)",
  usage:
    'usage: warehouse-ledger export settings [--destination DIR] [--workstation NAME] [--settings FILE] [--json]\n' +
    '  --destination DIR  an existing folder (a network share in practice), by its full path\n' +
    "  --settings FILE    the settings file (default: the app's, in the user data folder); give the web host the same",
  run(args, io) {
    const { values, positionals } = readArgs(args, {
      destination: { type: 'string' },
      workstation: { type: 'string' },
      settings: { type: 'string' },
    });
    expectPositionals(positionals, 0, 0, '');
    const store =
      values.settings === undefined
        ? new SettingsStore(path.join(io.userData ?? userDataFolder(), SETTINGS_FILE))
        : new SettingsStore(path.resolve(values.settings));
    let settings = readExportSettings(store);
    if (values.destination !== undefined || values.workstation !== undefined) {
      const change = { ...settings };
      if (values.destination !== undefined) {
        const folder = path.resolve(values.destination);
        let isFolder = false;
        try {
          isFolder = fs.statSync(folder).isDirectory();
        } catch {
          io.err(`export settings: the folder ${folder} is not there`);
          return 2;
        }
        if (!isFolder) {
          io.err(`export settings: ${folder} is not a folder`);
          return 2;
        }
        change.destination = folder;
      }
      if (values.workstation !== undefined) change.workstation = values.workstation;
      const checked = exportSettingsRecord.safeParse(change);
      if (!checked.success) throw new UsageError(`--workstation: ${checked.error.issues[0]?.message ?? 'not a name'}`);
      settings = writeExportSettings(store, checked.data);
    }
    if (values.json) io.out(JSON.stringify(settings));
    else {
      io.out(`destination: ${settings.destination ?? '(none chosen)'}`);
      io.out(`workstation: ${settings.workstation}`);
      io.out(`settings file: ${store.file}`);
    }
    return 0;
  },
};

export const verifyExportCommand: CliCommand = {
  name: 'verify-export',
  summary:
    "check a bundle (or every bundle in a folder, across key rotations): every file's hash, the signature, the chain",
  usage:
    'usage: warehouse-ledger verify-export BUNDLE|FOLDER --pubkey FILE [--previous BUNDLE] [--workstation NAME] [--json]\n' +
    '  --pubkey FILE   the key trusted for the first bundle checked (the previous one, with --previous);\n' +
    '                  a bundle announcing nextKey hands the trust on to that key',
  async run(args, io) {
    const { values, positionals } = readArgs(args, {
      pubkey: { type: 'string' },
      previous: { type: 'string' },
      workstation: { type: 'string' },
    });
    expectPositionals(positionals, 1, 1, 'BUNDLE: the bundle folder (or a folder of bundles) to check');
    if (values.pubkey === undefined) throw new UsageError("--pubkey FILE is required: the workstation's public key");
    let pem: string;
    try {
      pem = fs.readFileSync(values.pubkey, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read the public key ${values.pubkey}: ${(err as Error).message}`);
    }
    const target = positionals[0]!;
    if (isBundleFolder(target)) return verifyOne(target, pem, values.previous, values.json ?? false, io);
    if (values.previous !== undefined) throw new UsageError('--previous goes with one bundle, not a folder of bundles');
    return verifyFolder(target, pem, values.workstation, values.json ?? false, io);
  },
};

function isBundleFolder(dir: string): boolean {
  return (
    fs.existsSync(path.join(dir, MANIFEST_FILE)) || parseBundleName(path.basename(path.resolve(dir))) !== undefined
  );
}

async function verifyOne(bundle: string, pem: string, previous: string | undefined, json: boolean, io: CliIo) {
  const report = await verifyExport(bundle, pem, previous);
  if (json) io.out(JSON.stringify({ ok: report.ok, problems: report.problems }));
  else if (report.ok) {
    const m = report.manifest!;
    io.out(
      `ok: ${path.basename(path.resolve(bundle))}, seq ${m.fromSeq}–${m.toSeq}, ${m.counts.events} events, signed by ${m.workstation}` +
        (previous !== undefined ? ', continues the previous bundle' : '') +
        (m.nextKey ? `; announces the next key ${m.nextKey.fingerprint}` : ''),
    );
  } else {
    io.out(`NOT OK: ${bundle}`);
    for (const p of report.problems) io.out(`  - ${p}`);
  }
  return report.ok ? 0 : 1;
}

async function verifyFolder(folder: string, pem: string, workstation: string | undefined, json: boolean, io: CliIo) {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new UsageError(`${folder} is not a folder`);
  }
  const found = bundleWorkstations(folder);
  const name = workstation ?? (found.length === 1 ? found[0] : undefined);
  if (name === undefined) {
    throw new UsageError(
      found.length === 0
        ? `${folder} holds no bundles`
        : `${folder} holds bundles of ${found.join(', ')}: say which with --workstation NAME`,
    );
  }
  const series = await verifyBundleSeries(folder, name, pem);
  if (series.bundles.length === 0) throw new UsageError(`${folder} holds no bundles of workstation ${name}`);
  if (json) io.out(JSON.stringify({ ok: series.ok, workstation: name, bundles: series.bundles }));
  else {
    for (const b of series.bundles) {
      io.out(`${b.ok ? 'ok' : 'NOT OK'}: ${b.name}`);
      for (const p of b.problems) io.out(`  - ${p}`);
    }
    io.out(
      series.ok
        ? `ok: ${series.bundles.length} bundles of ${name}, one chain; the next is signed by ${keyFingerprint(series.nextTrustedKey)}`
        : `NOT OK: ${series.bundles.filter((b) => !b.ok).length} of ${series.bundles.length} bundles of ${name} fail`,
    );
  }
  return series.ok ? 0 : 1;
}
