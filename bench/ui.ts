/**
 * The views at scale, in Debian's Chromium through the browser host (the same renderer and
 * handlers as the app), each figure a first showing whose data really came from the host:
 *
 *   first rows after a cold navigation   ≤ 300 ms   a view not visited since the page loaded
 *                                                   (the orders list), its request made
 *   first rows after a fresh page load   ≤ 300 ms   the journal view, from the navigation's start
 *   frames a second while scrolling      ≥ 50
 *
 * Each is the worst of five page loads. A figure whose view made no request to the host would
 * measure a re-render from memory: the bench refuses it rather than report it.
 *
 * Headless Chromium here renders in software (--disable-gpu), so the frame rate is a floor of
 * what a workstation with a GPU shows.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtRenderer, startHost } from '../electron/host/start';
import { CHROMIUM, launchChromium } from '../test/e2e/harness';

export interface UiFigures {
  /** Cold navigation to the orders list, per page load (ms). */
  coldNavigationMs: number[];
  /** The journal view's first rows after a fresh page load, from the navigation's start (ms). */
  freshLoadMs: number[];
  /** Where each fresh load's time went, on the page's clock (ms from the navigation's start). */
  freshLoadParts: FreshLoadParts[];
  framesPerSecond: number;
}

export interface FreshLoadParts {
  /** The document's last byte in. */
  document: number;
  /** The document parsed and its module scripts run (DOMContentLoaded). */
  scripts: number;
  /** The journal's first page asked for, its answer's first byte and last byte in. */
  asked: number;
  answerStarts: number;
  answered: number;
  /** The session's answer in (the shell shows the rows once both are in). */
  session: number;
  /** The first row on screen. */
  rows: number;
}

/** A grid's first data row (aria-rowindex 1 is the header), once it has text. */
const firstRowOf = (grid: string) =>
  `[role=grid][aria-label="${grid}"] [role=row][aria-rowindex="2"]:not(.placeholder)`;

/** Why the UI cannot be measured here, or null when it can. */
export function uiUnavailable(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
  const renderer = builtRenderer();
  if (!renderer || !existsSync(join(renderer, 'index.html')))
    return 'the renderer is not built (npm run build:renderer)';
  return null;
}

export async function measureJournalView(
  dbPath: string,
  operator: { id: string; password: string },
): Promise<UiFigures> {
  const host = await startHost({ db: dbPath, port: 0, rendererDir: builtRenderer() ?? undefined });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.getByLabel('Operator ID').fill(operator.id);
    await page.getByLabel('Password').fill(operator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ state: 'detached' });

    // From the document's first script on: when the journal's first row shows, on the page's clock.
    // (As source text: a function would be serialised as the bundler left it, helpers and all.)
    await page.addInitScript(`(() => {
      const selector = ${JSON.stringify(firstRowOf('Journal events'))};
      function look() {
        const row = document.querySelector(selector);
        if (row && row.textContent) window.firstRowsAt = performance.now();
        else requestAnimationFrame(look);
      }
      requestAnimationFrame(look);
    })()`);
    const calls: { channel: string; at: number }[] = [];
    page.on('request', (r) => {
      const m = /\/api\/([^/?]+)/.exec(r.url());
      if (m) calls.push({ channel: decodeURIComponent(m[1]!), at: Date.now() });
    });

    const freshLoadMs: number[] = [];
    const freshLoadParts: FreshLoadParts[] = [];
    const coldNavigationMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      // A fresh page load (signed in still: the session is the tab's): the journal view first.
      const loadedAt = Date.now();
      await page.reload();
      const at = await page.waitForFunction(() => (window as unknown as { firstRowsAt?: number }).firstRowsAt, null, {
        timeout: 60_000,
        polling: 50,
      });
      if (!calls.some((c) => c.channel === 'journalPage' && c.at >= loadedAt)) {
        throw new Error('the journal view showed rows after a page load without asking the host for them');
      }
      freshLoadMs.push((await at.jsonValue()) as number);
      freshLoadParts.push(
        (await page.evaluate(`(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const calls = performance.getEntriesByType('resource');
          const call = calls.find((r) => r.name.includes('/api/journalPage'));
          const session = calls.find((r) => r.name.includes('/api/session'));
          return {
            document: nav.responseEnd,
            scripts: nav.domContentLoadedEventEnd,
            asked: call ? call.startTime : NaN,
            answerStarts: call ? call.responseStart : NaN,
            answered: call ? call.responseEnd : NaN,
            session: session ? session.responseEnd : NaN,
            rows: window.firstRowsAt,
          };
        })()`)) as FreshLoadParts,
      );

      // Then a view this page has not shown yet: the orders list, its click and its poll in the page.
      const clickedAt = Date.now();
      const shown = (await page.evaluate(`new Promise((done) => {
        const selector = ${JSON.stringify(firstRowOf('Orders'))};
        const started = performance.now();
        function look() {
          const row = document.querySelector(selector);
          if (row && row.textContent) done(performance.now() - started);
          else requestAnimationFrame(look);
        }
        document.querySelector('nav[aria-label=Pages] a[href="#orders"]').click();
        look();
      })`)) as number;
      if (!calls.some((c) => c.channel === 'listOrders' && c.at >= clickedAt)) {
        throw new Error('the orders view showed rows without asking the host for them: not a cold navigation');
      }
      coldNavigationMs.push(shown);
      await page.getByRole('link', { name: 'Journal', exact: true }).click();
      await page.locator(firstRowOf('Journal events')).waitFor();
    }

    // Scroll the table body steadily for three seconds and count the frames drawn.
    const framesPerSecond = (await page.evaluate(`new Promise((done) => {
      const body = document.querySelector('[role=grid] .grid-body');
      let frames = 0;
      const start = performance.now();
      function step(now) {
        frames += 1;
        body.scrollTop += 60;
        if (now - start < 3000) requestAnimationFrame(step);
        else done((frames * 1000) / (now - start));
      }
      requestAnimationFrame(step);
    })`)) as number;
    return { coldNavigationMs, freshLoadMs, freshLoadParts, framesPerSecond };
  } finally {
    await browser.close();
    await host.close();
  }
}
