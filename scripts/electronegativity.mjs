// Runs @doyensec/electronegativity over the Electron sources and the renderer, and fails
// (exit 1) on any finding above LOW that has not been reviewed below. Electronegativity itself
// exits 0 whatever it finds, so its CSV report is read here.
//
//   node scripts/electronegativity.mjs
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const cli = join(require.resolve('@doyensec/electronegativity/package.json'), '..', 'dist', 'index.js');
// Its global checks (navigation limits, permission handler…) look at everything scanned at
// once, so the main process and the renderer's page are copied into one folder and scanned together.
const SOURCES = ['electron', 'renderer/index.html'];
const PASSING = new Set(['LOW', 'INFORMATIONAL']);

/** Findings above LOW that were looked at and are as intended: check, file, and why. */
const REVIEWED = [
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'electron/main/index.ts',
    why: 'the one preload (electron/preload) exposes four functions through contextBridge: invoke a contract channel (contract-shaped names only; the main process handles contract channels alone and validates every request), listen to a push, ask the main process for its open dialog, and offer dropped files (their paths, confirmed by the main process in a dialog of its own)',
  },
];

/** One CSV line into its fields (quoted fields may hold commas). */
function fields(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else {
      cur += c;
    }
  }
  out.push(cur.trim());
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const findings = [];
try {
  const input = join(dir, 'src');
  for (const source of SOURCES) cpSync(source, join(input, source), { recursive: true });
  {
    const report = join(dir, 'report.csv');
    execFileSync(process.execPath, [cli, '-i', input, '-o', report, '-r', '-v', 'false', '-e', electronVersion], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // A record starts with its check's name; the `sample` field may run over several lines
    // (unquoted), so lines that do not start a record belong to the one before.
    const records = readFileSync(report, 'utf8')
      .split(/\r?\n(?=[A-Z0-9_]+,")/)
      .slice(1)
      .filter((r) => r.trim() !== '');
    for (const record of records) {
      const all = fields(record.replace(/\r?\n/g, ' '));
      const [check, severity, confidence, file, location] = all;
      const description = all.at(-2);
      findings.push({ check, severity, confidence, file, location, description });
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

let failed = 0;
for (const f of findings) {
  const reviewed = REVIEWED.find((r) => r.check === f.check && r.file === f.file);
  const where = `${f.file}:${f.location}`;
  if (PASSING.has(f.severity)) console.log(`  ok (${f.severity.toLowerCase()})  ${f.check} ${where}: ${f.description}`);
  else if (reviewed) console.log(`  reviewed  ${f.check} ${where}: ${reviewed.why}`);
  else {
    failed++;
    console.error(`  FAIL ${f.severity} ${f.check} ${where}: ${f.description}`);
  }
}
console.log(
  `electronegativity (Electron ${electronVersion}): ${findings.length} findings, ${failed} above LOW not reviewed`,
);
process.exit(failed > 0 ? 1 : 0);
