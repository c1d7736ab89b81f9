/**
 * Characters that do not show as themselves: control characters, and formatting characters such
 * as the bidi overrides (U+202E turns "gnp.exe" into what reads as "exe.png") and zero-width
 * spaces (two operator ids that look the same). The ledger refuses them in what its operators are
 * called, and shows them as visible marks wherever they occur in what the main system sent.
 */

const NAMES: Readonly<Record<number, string>> = {
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/** Control (Cc), format (Cf) and line/paragraph separator characters. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
/** Tab and line breaks: hidden, but what a text of several lines is made of. */
const LAYOUT = new Set([0x09, 0x0a, 0x0d]);

/** `U+202E RIGHT-TO-LEFT OVERRIDE`, or `U+0007 (a control character)`. */
export function describeCodePoint(cp: number): string {
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[cp];
  if (name) return `${hex} ${name}`;
  return `${hex} (${cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? 'a control character' : 'a formatting character'})`;
}

export interface HiddenCharacter {
  /** 1-based position in the text, counted in characters as a person counts them. */
  position: number;
  codePoint: number;
}

/** The first character of `text` that does not show as itself, if any (`allow` lists code points let through). */
export function firstHiddenCharacter(text: string, allow: readonly number[] = []): HiddenCharacter | undefined {
  let position = 0;
  for (const ch of text) {
    position += 1;
    const cp = ch.codePointAt(0)!;
    if (allow.includes(cp)) continue;
    HIDDEN.lastIndex = 0;
    if (HIDDEN.test(ch)) return { position, codePoint: cp };
  }
  return undefined;
}

/**
 * `text` with every character that does not show as itself replaced by a visible mark,
 * `⟨U+202E⟩`. Tabs and line breaks are kept unless `layout` is false (a one-line field).
 */
export function revealHidden(text: string, options: { layout?: boolean } = {}): string {
  const keepLayout = options.layout ?? true;
  return text.replace(HIDDEN, (ch) => {
    const cp = ch.codePointAt(0)!;
    if (keepLayout && LAYOUT.has(cp)) return ch;
    return `⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  });
}

/** Every string inside a JSON value revealed (for showing event data as JSON). */
export function revealHiddenInJson(value: unknown, space = 2): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? revealHidden(v) : v), space) ?? '';
}
