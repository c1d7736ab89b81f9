/**
 * A call the worker cannot answer still gets an error answer: an event whose data is too deep for
 * the structured clone (recorded before the envelope bounded nesting) must not leave the window
 * that asked for it, and everyone waiting behind it, waiting forever.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { answerCall } from '../../electron/worker/answer';
import { JournalWorkerClient } from '../../electron/worker/client';
import type { FromWorker } from '../../electron/worker/protocol';
import { Journal } from '../../electron/journal';

function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { channel: 'letter' };
  for (let i = 0; i < levels; i++) value = { inner: value };
  return value;
}

const dir = mkdtempSync(join(tmpdir(), 'ledger-answer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function nextMessage(port: MessagePort): Promise<FromWorker> {
  return new Promise((resolve) => port.once('message', resolve));
}

describe('answerCall', () => {
  it('sends the answer when it can cross', async () => {
    const { port1, port2 } = new MessageChannel();
    const got = nextMessage(port2);
    await answerCall(
      (m) => port1.postMessage(m),
      7,
      'session',
      async () => ({ ok: true, response: { a: 1 } }),
    );
    expect(await got).toEqual({ type: 'result', id: 7, ok: true, response: { a: 1 } });
    port1.close();
  });

  it('refuses an answer nested deeper than any real one, under the same id', async () => {
    const sent: FromWorker[] = [];
    await answerCall(
      (m) => sent.push(m),
      6,
      'eventDetail',
      async () => ({ ok: true, response: nested(300) }),
    );
    expect(sent).toEqual([
      { type: 'result', id: 6, ok: false, error: { code: 'refused', message: expect.stringContaining('256 levels') } },
    ]);
    const fine: FromWorker[] = [];
    await answerCall(
      (m) => fine.push(m),
      5,
      'eventDetail',
      async () => ({ ok: true, response: nested(200) }),
    );
    expect(fine[0]).toMatchObject({ ok: true });
  });

  it('answers with an error, under the same id, when the answer cannot be cloned', async () => {
    const { port1, port2 } = new MessageChannel();
    const got = nextMessage(port2);
    const logged: string[] = [];
    await answerCall(
      (m) => {
        // What postMessage does with an answer too large or odd to clone.
        if (m.type === 'result' && m.ok) throw new RangeError('Maximum call stack size exceeded');
        port1.postMessage(m);
      },
      8,
      'eventDetail',
      async () => ({ ok: true, response: { fine: true } }),
      (message) => logged.push(message),
    );
    expect(await got).toMatchObject({
      type: 'result',
      id: 8,
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('"eventDetail" cannot be sent back') },
    });
    expect(logged).toHaveLength(1);
    port1.close();
  });

  it('answers with an error when the call itself throws', async () => {
    const sent: FromWorker[] = [];
    await answerCall(
      (m) => sent.push(m),
      9,
      'verify',
      () => Promise.reject(new RangeError('Maximum call stack size exceeded')),
      () => undefined,
    );
    expect(sent).toEqual([{ type: 'result', id: 9, ok: false, error: expect.objectContaining({ code: 'internal' }) }]);
  });
});

describe('the journal worker thread', () => {
  it('answers a request for a too-deep event with an error, and goes on answering', async () => {
    const path = join(dir, 'deep.db');
    const journal = Journal.open(path);
    journal.appendBatch(
      [
        {
          event: {
            eventId: 'deep-1',
            type: 'CustomerNotified',
            orderId: 'o-1',
            initiatedBy: { id: 'oms', role: 'System' },
            timestamp: '2026-11-26T08:00:00Z',
            data: nested(2_500),
          },
          instant: Date.parse('2026-11-26T08:00:00Z'),
        },
      ],
      'an older version',
    );
    journal.close();
    const client = await JournalWorkerClient.start({ journalPath: path, settingsFile: null });
    try {
      const signIn = await client.call(
        'createFirstSupervisor',
        { id: 'sue', name: 'Sue', password: 'password-1' },
        'w1',
      );
      expect(signIn.ok).toBe(true);
      const detail = await client.call('eventDetail', { eventId: 'deep-1' }, 'w1');
      expect(detail).toMatchObject({
        ok: false,
        error: { code: 'refused', message: expect.stringContaining('nested more than') },
      });
      const after = await client.call('session', {}, 'w1');
      expect(after.ok).toBe(true);
    } finally {
      await client.close();
    }
  });
});
