import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssemblyUpdate, ProfileAnswer, ProposalInput, ProposalSubmit } from '../../shared/protocol/schemas.ts';
import { RESERVED_IDS, Text, forTerminal, textProblem } from '../../shared/protocol/text.ts';

const title = Text(200);
const description = Text(2000, { multiline: true });
const message = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message ?? '';

describe('text people type (docs/security.md, "Text")', () => {
  it('normalises to NFC and trims', () => {
    expect(title.parse('  Cafe\u0301  ')).toBe('Café');
    expect(description.parse('line one\r\nline two')).toBe('line one\nline two');
  });

  it('refuses every C0/C1 control and DEL in a title, naming it (ANSI escapes, bells, backspaces)', () => {
    const controls = [...Array.from({ length: 32 }, (_, i) => i), 0x7f, ...Array.from({ length: 32 }, (_, i) => 0x80 + i)];
    for (const c of controls) {
      const r = title.safeParse(`Park${String.fromCharCode(c)}x`);
      expect(r.success, `U+${c.toString(16)}`).toBe(false);
    }
    expect(message(title.safeParse('Bell\u0007'))).toContain('U+0007');
    expect(message(title.safeParse('\u001b[2J\u001b[31mRed'))).toContain('control character');
  });

  it('allows newlines and tabs only in multi-line text', () => {
    expect(description.parse('a\n\tb')).toBe('a\n\tb');
    expect(message(title.safeParse('a\nb'))).toContain('one line');
  });

  it('refuses every bidirectional override, embedding and isolate', () => {
    for (const c of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(message(title.safeParse(`abc${String.fromCharCode(c)}def`))).toContain('text-direction');
    }
    // Right-to-left text itself is fine.
    expect(title.parse('שלום עולם')).toBe('שלום עולם');
  });

  it('refuses text that shows nothing (zero-width, fillers), keeps emoji with joiners', () => {
    for (const s of ['\u200b', '\u200b\u200c\u200d', '\u2060\ufeff', '\u3164', '\u2800\u2800', '\u0301']) {
      expect(message(title.safeParse(s)), JSON.stringify(s)).toContain('invisible');
    }
    expect(title.parse('👩‍👩‍👧 family')).toBe('👩‍👩‍👧 family');
  });

  it('refuses invisible characters inside text (look-alike duplicates, hidden tag text), keeps joiners, selectors, marks and flags', () => {
    // "Pa\u200Brk" showed as a second "Park" on the same ballot; tags carried hidden text.
    for (const s of ['Pa\u200brk', 'P\u00adark', 'Park\u034f', '\u115f\u1160Park', 'Pa\u3164rk', 'Pa\u2060rk', 'Pa\ufeffrk', 'Park\u{e0050}\u{e0041}', 'x\u2062y', 'Pa\u206arк']) {
      expect(message(title.safeParse(s)), JSON.stringify(s)).toMatch(/invisible character \(U\+[0-9A-F]{4,5}\)/);
      if (!s.includes('\u00ad')) expect(message(description.safeParse(`Line one\n${s}`)), JSON.stringify(s)).toContain('invisible');
    }
    // A soft hyphen in a long description is typography.
    expect(description.safeParse('Roz\u00addělení rozpočtu').success).toBe(true);
    const england = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}';
    for (const s of ['👩‍👩‍👧 family', `${england} team`, 'می‌خواهم', '❤️ heart', 'a\u200eb', 'क्‍ष']) expect(title.safeParse(s).success, JSON.stringify(s)).toBe(true);
  });

  it('refuses lone surrogates (not valid UTF-16), keeps pairs', () => {
    expect(message(title.safeParse('a\ud800b'))).toContain('surrogate');
    expect(message(title.safeParse('a\udc00'))).toContain('surrogate');
    expect(title.parse('a😀b')).toBe('a😀b');
  });

  it('whatever is accepted has no problem left and is NFC (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), (a, b) => {
        for (const s of [a, b, a + b]) {
          const r = title.safeParse(s);
          if (!r.success) continue;
          expect(textProblem(r.data)).toBeNull();
          expect(r.data).toBe(r.data.normalize('NFC'));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('every schema that takes a title or description uses the rule', () => {
    expect(ProposalInput.safeParse({ title: 'x\u202eevil' }).success).toBe(false);
    expect(ProposalSubmit.safeParse({ title: 'abc', description: '\u001b]0;pwned\u0007' }).success).toBe(false);
    expect(AssemblyUpdate.safeParse({ title: '\u200b' }).success).toBe(false);
  });

  it('reserved ids (__proto__, constructor, toString) are refused with a clear message', () => {
    for (const id of RESERVED_IDS) {
      const r = AssemblyUpdate.safeParse({ profile: [{ id, label: 'Q', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }] });
      expect(r.success).toBe(false);
      expect(message(r)).toContain('reserved');
      const opt = AssemblyUpdate.safeParse({ profile: [{ id: 'q', label: 'Q', options: [{ id, label: 'A' }, { id: 'b', label: 'B' }] }] });
      expect(message(opt)).toContain('reserved');
    }
    const answers = ProfileAnswer.safeParse(JSON.parse('{"answers":{"__proto__":"a"}}'));
    expect(answers.success).toBe(false);
    expect(message(answers)).toContain('reserved');
    expect(ProfileAnswer.safeParse({ answers: { age: 'constructor' } }).success).toBe(false);
  });

  it('text for a terminal shows control characters as escapes', () => {
    expect(forTerminal('Town\u001b[2J hall\u0007\u202e')).toBe('Town\\u{1b}[2J hall\\u{7}\\u{202e}');
    expect(forTerminal('ok \ud800')).toBe('ok \ufffd');
  });
});
