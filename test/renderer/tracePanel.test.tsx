/** The trace panel lists the other events of a trace: with two events in a trace, the other one. */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { EventRecord } from '../../shared/contract/records';
import { TracePanel } from '../../renderer/event/EventDetailPage';

const event = (seq: number, traceId?: string): EventRecord => ({
  seq,
  eventId: `e-${seq}`,
  type: 'StatusChanged',
  orderId: '1345693',
  ...(traceId ? { traceId } : {}),
  initiatedBy: { id: 'oms', role: 'System' },
  timestamp: '2026-11-26T09:00:00Z',
  data: { status: 'Picking' },
  recordedAt: '2026-11-26T09:00:01Z',
  source: 'test',
  ruleSetId: 'floor-v2',
  anomalies: [],
});

describe('the trace panel', () => {
  it('two events in a trace: the other one is listed, not "no other event"', () => {
    const html = renderToStaticMarkup(<TracePanel event={event(1, 't-1')} trace={[event(2, 't-1')]} />);
    expect(html).not.toContain('No other event shares this trace');
    expect(html).toContain('href="#event/2"');
  });

  it('says so when the event is alone in its trace, or has none', () => {
    expect(renderToStaticMarkup(<TracePanel event={event(1, 't-1')} trace={[]} />)).toContain(
      'No other event shares this trace',
    );
    expect(renderToStaticMarkup(<TracePanel event={event(1)} trace={[]} />)).toContain('carries no trace ID');
  });
});
