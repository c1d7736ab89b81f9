/** Text that does not show as itself: found, described, and shown as visible marks. */
import { describe, expect, it } from 'vitest';
import { describeCodePoint, firstHiddenCharacter, revealHidden, revealHiddenInJson } from '../../shared/text/hidden';

describe('hidden characters', () => {
  it('finds bidi overrides, zero-width characters, C0 and C1 controls, with the position a person counts', () => {
    expect(firstHiddenCharacter('Mark Kovac')).toBeUndefined();
    expect(firstHiddenCharacter('Zoë 🎉 Ōkubo')).toBeUndefined();
    expect(firstHiddenCharacter('🎉ab\u202Ecd')).toEqual({ position: 4, codePoint: 0x202e });
    expect(firstHiddenCharacter('ma\u200Brk')).toEqual({ position: 3, codePoint: 0x200b });
    expect(firstHiddenCharacter('a\u0085b')).toEqual({ position: 2, codePoint: 0x85 });
    expect(firstHiddenCharacter('tab\there')).toEqual({ position: 4, codePoint: 0x09 });
    expect(firstHiddenCharacter('x\u{E0041}')).toEqual({ position: 2, codePoint: 0xe0041 });
    expect(firstHiddenCharacter('\u2066x\u2069')).toEqual({ position: 1, codePoint: 0x2066 });
    expect(firstHiddenCharacter('می\u200Cخواهم', [0x200c])).toBeUndefined();
  });

  it('names what it found', () => {
    expect(describeCodePoint(0x202e)).toBe('U+202E RIGHT-TO-LEFT OVERRIDE');
    expect(describeCodePoint(0x07)).toBe('U+0007 (a control character)');
    expect(describeCodePoint(0xe0041)).toBe('U+E0041 (a formatting character)');
  });

  it('shows them as marks, so a reversed name reads as it was sent', () => {
    expect(revealHidden('Walter \u202Enihc')).toBe('Walter ⟨U+202E⟩nihc');
    expect(revealHidden('two\nlines\tand\u200Bmore')).toBe('two\nlines\tand⟨U+200B⟩more');
    expect(revealHidden('two\nlines', { layout: false })).toBe('two⟨U+000A⟩lines');
    expect(revealHidden('plain text, café')).toBe('plain text, café');
  });

  it('shows them in every string of event data shown as JSON, keys and layout untouched', () => {
    const data = { customer: 'Acme \u202Egnp.exe', lines: [{ sku: 'A\u200D1', qty: 2 }], note: 'a\nb' };
    expect(revealHiddenInJson(data)).toBe(
      '{\n  "customer": "Acme ⟨U+202E⟩gnp.exe",\n  "lines": [\n    {\n      "sku": "A⟨U+200D⟩1",\n      "qty": 2\n    }\n  ],\n  "note": "a\\nb"\n}',
    );
  });
});
