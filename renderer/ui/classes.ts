/** A className from parts, the false ones left out: `classes('cx-tab', active && 'is-active')`. */
export function classes(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}
