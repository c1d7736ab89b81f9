/**
 * What the page loads: the diagram's layout engine (elkjs, about 1.6 MB) is fetched when the
 * rules page first draws the state machine, never with the app itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startE2E, type E2E } from './harness';

describe('the renderer bundle', () => {
  let e2e: E2E;
  const scripts: string[] = [];
  beforeAll(async () => {
    e2e = await startE2E({ withSupervisor: true });
    e2e.page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
  });
  afterAll(async () => e2e?.close());

  it('loads the layout engine with the diagram, not with the app', async () => {
    const { page } = e2e;
    await page.reload();
    await signIn(page);
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Journal' }).click();
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => s.includes('elk'))).toEqual([]);

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Rules' }).click();
    await page.getByTestId('rules-diagram').locator('[data-status="Packed"]').waitFor();
    expect(scripts.filter((s) => s.includes('elk'))).toHaveLength(1);
  });
});
