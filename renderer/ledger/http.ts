/**
 * The browser host's transport: `POST /api/<channel>` with this run's token and this page's
 * session, and one EventSource for the pushes.
 */
import type { PushName } from '../../shared/contract/channels';
import type { Envelope, LedgerTransport } from './build';

export interface HttpTransportOptions {
  /** Where the host is (default: this page's origin). */
  base?: string;
  token: string;
  session: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

export function httpTransport(options: HttpTransportOptions): LedgerTransport {
  const base = options.base ?? '';
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const Source = options.EventSource ?? globalThis.EventSource;
  let source: EventSource | undefined;

  return {
    async invoke(channel, request) {
      let res: Response;
      try {
        res = await doFetch(`${base}/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'x-ledger-token': options.token,
            'x-ledger-session': options.session,
          },
          body: JSON.stringify(request),
        });
      } catch {
        return { ok: false, error: { code: 'internal', message: 'The Warehouse Ledger host is not answering.' } };
      }
      try {
        return (await res.json()) as Envelope;
      } catch {
        return { ok: false, error: { code: 'internal', message: `The host answered ${res.status} without JSON.` } };
      }
    },

    subscribe(push: PushName, listener) {
      source ??= new Source(`${base}/api/events?token=${encodeURIComponent(options.token)}`);
      const onMessage = (e: MessageEvent<string>) => {
        try {
          listener(JSON.parse(e.data));
        } catch (err) {
          console.error(`[ledger] push ${push} could not be read`, err);
        }
      };
      source.addEventListener(push, onMessage as EventListener);
      return () => source?.removeEventListener(push, onMessage as EventListener);
    },
  };
}
