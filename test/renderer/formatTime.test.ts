/** The one time format: the event's own clock and offset, on every workstation. */
import { describe, expect, it } from 'vitest';
import { formatTime, workstationZone } from '../../renderer/ui/format';

describe('formatTime', () => {
  it("a 20:34 −05:00 event reads 20:34 −05:00, whatever the workstation's zone", () => {
    expect(formatTime('2026-11-26T20:34:11-05:00')).toBe('2026-11-26 20:34:11 \u221205:00');
    expect(formatTime('2026-11-26T20:34:11.250+0530')).toBe('2026-11-26 20:34:11 +05:30');
    expect(formatTime('2026-11-27T01:34:11Z')).toBe('2026-11-27 01:34:11 +00:00');
  });

  it('a time without an offset is read in the workstation zone and given its offset; junk stays as it came', () => {
    expect(formatTime('2026-11-26T20:34:11')).toMatch(/^2026-11-26 20:34:11 [+\u2212]\d{2}:\d{2}$/);
    expect(formatTime('soon')).toBe('soon');
    expect(workstationZone(new Date('2026-11-26T12:00:00Z'))).toMatch(/ \([+\u2212]\d{2}:\d{2}\)$/);
  });
});
