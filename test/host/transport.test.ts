import { describe, expect, it } from 'vitest';
import { channels } from '../../shared/contract/channels';
import { buildLedger, httpTransport, LedgerCallError } from '../../renderer/ledger';

describe('the renderer transport over HTTP', () => {
  const sent: { url: string; init: RequestInit }[] = [];
  const fakeFetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    const answer = url.endsWith('/api/statusCounts')
      ? { ok: true, response: { Packed: 2 } }
      : { ok: false, error: { code: 'stale', message: 'the order moved on' } };
    return new Response(JSON.stringify(answer));
  }) as unknown as typeof fetch;
  const ledger = buildLedger(httpTransport({ base: 'http://h', token: 'T', session: 'S', fetch: fakeFetch }));

  it('has one method per channel of the contract', () => {
    for (const name of Object.keys(channels))
      expect(typeof (ledger as unknown as Record<string, unknown>)[name]).toBe('function');
  });

  it('posts the request with the token and the session, and resolves with the answer', async () => {
    await expect(ledger.statusCounts({})).resolves.toEqual({ Packed: 2 });
    expect(sent[0]!.url).toBe('http://h/api/statusCounts');
    expect(sent[0]!.init.headers).toMatchObject({ 'x-ledger-token': 'T', 'x-ledger-session': 'S' });
  });

  it('rejects with the error code of the contract', async () => {
    const error = await ledger.verify({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LedgerCallError);
    expect(error).toMatchObject({ code: 'stale', message: 'the order moved on', channel: 'verify' });
  });

  it('says so when the host does not answer', async () => {
    const down = buildLedger(
      httpTransport({ token: 'T', session: 'S', fetch: (() => Promise.reject(new Error('refused'))) as typeof fetch }),
    );
    await expect(down.session({})).rejects.toMatchObject({ code: 'internal', message: /not answering/ });
  });
});
