/** The arithmetic of the dashboard's small charts, kept apart from the drawing so it can be tested. */

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten, at least the largest value. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

/** Vertical bars filling `width`, bottom-aligned in `height`, with a gap between them. */
export function columnBars(values: number[], width: number, height: number, gap = 2): { bars: Bar[]; max: number } {
  const max = niceMax(Math.max(0, ...values));
  const n = values.length;
  if (n === 0) return { bars: [], max };
  const step = width / n;
  const bw = Math.max(1, step - gap);
  const bars = values.map((value, i) => {
    const h = (Math.max(0, value) / max) * height;
    return { x: i * step, y: height - h, width: bw, height: h, value };
  });
  return { bars, max };
}

/** Share of the largest value, 0..1, for horizontal bars. */
export function shares(values: number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max > 0 ? Math.max(0, v) / max : 0));
}
