import { z } from 'zod';

/**
 * Rules for text people type, which reaches the projector, the moderation
 * queue, CSV files and the operator's terminal (docs/security.md, "Text"):
 *
 * - lone surrogates (not valid UTF-16, stored differently from what was
 *   acknowledged) are refused;
 * - text is normalised to NFC (one spelling of "é") and trimmed;
 * - control characters (C0 except tab and newline in multi-line text, DEL,
 *   C1: ANSI escapes, bells, backspaces) and bidirectional overrides,
 *   embeddings and isolates (U+202A–202E, U+2066–2069: they reorder what a
 *   screen shows) are refused with a message naming the character;
 * - a non-empty text must show something: zero-width and other invisible
 *   characters alone are refused, and inside text too (HIDDEN below: they
 *   make look-alike duplicates and carry hidden text).
 */

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** True when the string is valid UTF-16 (String.prototype.isWellFormed, for older browsers too). */
export function wellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** C0 controls except tab and newline, DEL, C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
/** Newline and tab: allowed only where the field is multi-line. */
const LINE_BREAK = /[\n\t]/u;
/** Bidirectional embeddings, overrides and isolates. */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;
/**
 * Characters that draw nothing inside visible text: zero-width space, word
 * joiner and invisible operators, soft hyphen, combining grapheme joiner,
 * Hangul fillers, a BOM inside text, deprecated format controls, Unicode
 * tags. They make "Pa\u200Brk" a second "Park" on the same ballot, and tags
 * carry hidden text. Kept: ZWJ and ZWNJ (emoji sequences, Persian, Indic),
 * variation selectors (emoji), direction marks (LRM, RLM, ALM), and tags
 * inside an emoji flag sequence (🏴 + tags + cancel tag).
 */
// The combining grapheme joiner, the Hangul vowel filler and the Khmer inherent vowels combine with what precedes them: outside the class.
const HIDDEN = /\u034F|\u1160|\u17B4|\u17B5|[\u00AD\u115F\u180E\u200B\u2060-\u2064\u206A-\u206F\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]/u;
const FLAG_TAGS = /\u{1F3F4}[\u{E0020}-\u{E007E}]+\u{E007F}/gu;
/** Characters that draw nothing: white space, format characters (zero-width), combining marks alone, fillers. */
const INVISIBLE = /^[\p{White_Space}\p{Cf}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0\u2800]*$/u;

/** U+XXXX of the first character matching a pattern, for error messages. */
function codePointOf(s: string, pattern: RegExp): string {
  const m = pattern.exec(s);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : '';
}

/** Why a text is refused, or null when it is acceptable (checked after NFC and trim). */
export function textProblem(s: string, multiline = false): string | null {
  if (!wellFormed(s)) return 'contains an invalid character (a lone UTF-16 surrogate)';
  if (CONTROL.test(s)) return `contains a control character (${codePointOf(s, CONTROL)}), which is not allowed`;
  if (!multiline && LINE_BREAK.test(s)) return 'must be one line (no line breaks or tabs)';
  if (BIDI.test(s)) return `contains a text-direction override (${codePointOf(s, BIDI)}), which is not allowed`;
  if (s.length > 0 && INVISIBLE.test(s)) return 'contains only invisible characters';
  // Soft hyphens are typography in long pasted text (descriptions); in a one-line name they only hide.
  const outsideFlags = (multiline ? s.replaceAll('\u00AD', '') : s).replace(FLAG_TAGS, '\u{1F3F4}');
  if (HIDDEN.test(outsideFlags)) return `contains an invisible character (${codePointOf(outsideFlags, HIDDEN)}), which is not allowed`;
  return null;
}

/** Canonical form of accepted text: NFC, trimmed, Windows line ends as \n. */
export function normaliseText(s: string): string {
  return s.replace(/\r\n?/g, '\n').normalize('NFC').trim();
}

/**
 * A zod string for user text of at most `max` characters (after NFC and
 * trimming). Multi-line fields (descriptions) may hold newlines and tabs.
 */
export function Text(max: number, opts: { multiline?: boolean } = {}) {
  return z
    .string()
    .refine(wellFormed, 'contains an invalid character (a lone UTF-16 surrogate)')
    .overwrite(normaliseText)
    .superRefine((s, ctx) => {
      const problem = textProblem(s, opts.multiline ?? false);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .max(max);
}

/** Names a plain object treats specially: refused as ids so no map or object lookup can trip on them. */
export const RESERVED_IDS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']);

/**
 * Text for a terminal: control and bidi characters shown as \u{…} escapes,
 * so a title cannot move the cursor, ring the bell or clear the screen.
 */
export function forTerminal(s: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  return s.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`).replace(/[\uD800-\uDFFF]/g, '\uFFFD');
}
