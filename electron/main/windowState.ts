/** Window size and position, remembered in a small JSON file in the user data folder. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1400, height: 900 };
const MIN = { width: 800, height: 500 };

export function loadBounds(file: string): WindowBounds {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowBounds>;
    const whole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
    if (!whole(value.width) || !whole(value.height)) return { ...DEFAULT_BOUNDS };
    const bounds: WindowBounds = {
      width: Math.max(MIN.width, value.width),
      height: Math.max(MIN.height, value.height),
    };
    if (whole(value.x) && whole(value.y)) {
      bounds.x = value.x;
      bounds.y = value.y;
    }
    if (value.maximized === true) bounds.maximized = true;
    return bounds;
  } catch {
    // First run, or a damaged file: the default size, centred by the system.
    return { ...DEFAULT_BOUNDS };
  }
}

export function saveBounds(file: string, bounds: WindowBounds): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(bounds) + '\n');
}
