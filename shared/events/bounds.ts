/**
 * How deep and how large an event's `data` may be. The handbook's data is a few levels deep; a
 * line nested thousands of levels overflows the stack of whatever walks it next (the hash's
 * canonical JSON, the worker's structured clone, the host's JSON) and took the good lines of its
 * batch down with it, so such a line is refused up front, with its reason, like any bad line.
 * The walk is iterative: measuring must not overflow either.
 */

/** Levels of objects and arrays inside `data` (`data` itself is level 1). */
export const MAX_DATA_DEPTH = 32;
/** About the length of `data` as JSON text: an order of several thousand lines fits. */
export const MAX_DATA_CHARS = 256 * 1024;

/** Why `data` is refused, or undefined when it is within bounds. */
export function dataOutOfBounds(data: unknown): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value: data, depth: 1 }];
  let chars = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') chars += value.length + 2;
    else if (value === null || typeof value !== 'object') chars += String(value).length;
    else {
      if (depth > MAX_DATA_DEPTH) {
        return `data is nested more than ${MAX_DATA_DEPTH} levels deep (objects and arrays inside each other); the handbook's events need a few`;
      }
      chars += 2;
      if (Array.isArray(value)) {
        for (const item of value) {
          chars += 1;
          stack.push({ value: item, depth: depth + 1 });
        }
      } else {
        for (const key of Object.keys(value)) {
          chars += key.length + 4;
          stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
        }
      }
    }
    if (chars > MAX_DATA_CHARS) {
      return `data is too large (more than ${MAX_DATA_CHARS / 1024} KiB as JSON)`;
    }
  }
  return undefined;
}

/** Whether `value` has objects or arrays nested more than `max` levels deep (walked without recursion). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.value === null || typeof top.value !== 'object') continue;
    if (top.depth > max) return true;
    const children = Array.isArray(top.value) ? top.value : Object.values(top.value);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: top.depth + 1 });
    }
  }
  return false;
}
