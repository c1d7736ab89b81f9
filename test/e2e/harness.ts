/**
 * End-to-end harness: the browser host on a temp journal (port 0) and headless Chromium through
 * playwright-core. E2E tests (`test/e2e/*.e2e.test.ts`, run by `npm run test:e2e`) start one
 * with `startE2E()`, drive the page, and save screenshots under test-output/screenshots/.
 *
 * The renderer must be built first (`npm run build:renderer`; `npm test` does it).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startHost, type Host } from '../../electron/host/start';
import type { ChannelName, RequestOf, ResponseOf } from '../../shared/contract/channels';
import { HANDBOOK_SAMPLES } from '../samples';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with nothing reaching beyond this machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}
export const RENDERER_DIR = resolve('out/renderer');
export const SCREENSHOTS = resolve('test-output/screenshots');
export const SAMPLES = HANDBOOK_SAMPLES;

export const SUPERVISOR = { id: 'sue', name: 'Sue Supervisor', password: 'warehouse-1' } as const;

export interface E2E {
  host: Host;
  browser: Browser;
  page: Page;
  /** The temp folder holding the journal (removed by `close`). */
  dir: string;
  dbPath: string;
  /** Call a channel over HTTP with a session of the harness's own (to set data up without clicking). */
  api<K extends ChannelName>(channel: K, request: RequestOf<K>): Promise<ResponseOf<K>>;
  /**
   * Import a file as the page does: upload its bytes to the host (the harness's session), then
   * `importFiles` with the id the host answered. Resolves with the job id.
   */
  importFile(path: string): Promise<string>;
  /** Files the page asked for and did not get ("404 /favicon.ico"): the app must fetch nothing it lacks. */
  missingFiles: string[];
  close(): Promise<void>;
}

export interface StartOptions {
  /** Create the first Supervisor (SUPERVISOR) before the page opens, so the page asks to sign in. */
  withSupervisor?: boolean;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** The host's settings file (as `npm run web -- --settings FILE`); default: settings in memory. */
  settingsFile?: string;
}

export async function startE2E(options: StartOptions = {}): Promise<E2E> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR}/index.html is missing: run \`npm run build:renderer\` before the e2e tests`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  const dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const dbPath = join(dir, 'journal.db');
  // The signing key in the test's own folder, never the account's user data folder.
  const host = await startHost({
    db: dbPath,
    port: 0,
    rendererDir: RENDERER_DIR,
    keyDir: join(dir, 'signing-key'),
    ...(options.settingsFile ? { settingsFile: options.settingsFile } : {}),
  });
  const harnessSession = `harness-${Math.random().toString(36).slice(2, 10)}`;
  const api: E2E['api'] = async (channel, request) => {
    const res = await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
      method: 'POST',
      headers: { 'x-ledger-token': host.token, 'x-ledger-session': harnessSession },
      body: JSON.stringify(request),
    });
    const body = (await res.json()) as { ok: boolean; response?: unknown; error?: { code: string; message: string } };
    if (!body.ok) throw new Error(`${channel}: ${body.error?.code}: ${body.error?.message}`);
    return body.response as never;
  };
  const importFile: E2E['importFile'] = async (path) => {
    const bytes = readFileSync(path);
    const res = await fetch(
      `http://127.0.0.1:${host.port}/upload?kind=events&name=${encodeURIComponent(basename(path))}`,
      {
        method: 'POST',
        headers: { 'x-ledger-token': host.token, 'x-ledger-session': harnessSession },
        body: bytes,
      },
    );
    const body = (await res.json()) as { ok: boolean; response?: { fileId: string }[]; error?: { message: string } };
    if (!body.ok) throw new Error(`upload of ${path}: ${body.error?.message}`);
    return (await api('importFiles', { files: body.response!.map((f) => f.fileId) })).jobId;
  };
  let browser: Browser | undefined;
  try {
    if (options.withSupervisor) await api('createFirstSupervisor', SUPERVISOR);
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1400, height: 900 },
      colorScheme: options.colorScheme ?? 'light',
    });
    const page = await context.newPage();
    // Anything the page logs as an error shows in the test output: a broken view is not silent.
    page.on('pageerror', (e) => console.error('[page error]', e.message));
    const missingFiles: string[] = [];
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.status() >= 400 && !path.startsWith('/api/')) missingFiles.push(`${r.status()} ${path}`);
    });
    await page.goto(host.url);
    const opened = browser;
    return {
      host,
      browser: opened,
      page,
      dir,
      dbPath,
      api,
      importFile,
      missingFiles,
      async close() {
        await opened.close();
        await host.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Sign in through the form (the journal must have the operator). */
export async function signIn(page: Page, who: { id: string; password: string } = SUPERVISOR): Promise<void> {
  await page.getByLabel('Operator ID').fill(who.id);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor({ state: 'detached' });
}

/** On a journal with no operators: create the first Supervisor through the form (and so sign in). */
export async function createFirstSupervisor(page: Page, who = SUPERVISOR): Promise<void> {
  await page.getByLabel('Operator ID').fill(who.id);
  await page.getByLabel('Full name').fill(who.name);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Create Supervisor and sign in' }).click();
  await page.getByRole('heading', { name: 'Create the first Supervisor' }).waitFor({ state: 'detached' });
}

/** Save a full-page screenshot as test-output/screenshots/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Poll `probe` every 100 ms until it answers (at most `tries` times): for what arrives by push or job. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, tries = 300): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}
