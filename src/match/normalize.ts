/**
 * Text normalisation for matching, with a map back to the original offsets.
 *
 * News text spells the same name many ways: curly or straight apostrophes, en dashes or hyphens, non-breaking or
 * thin spaces, soft hyphens inside long words, decomposed or precomposed diacritics, full-width forms. Matching runs
 * on a canonical form; every canonical character remembers the span of original text it came from, so a match can
 * be mapped back to the exact characters on the page.
 */

/** Separates text that must never be matched across (two blocks, or the two sides of a `<br>`). */
export const HARD_BREAK = '\u2029';

export interface NormalizedText {
  /** Canonical text, letter case kept. */
  readonly text: string;
  /** Canonical text, lower-cased; same length as `text`, so one index serves both. */
  readonly folded: string;
  /** `starts[i]` is the offset in the original text of the character that produced canonical character `i`. */
  readonly starts: Int32Array;
  /** `ends[i]` is the offset just past it. */
  readonly ends: Int32Array;
}

const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u02BC\u2032\u0060\u00B4]/;
const QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/;
/** Characters that are invisible in rendered text and may sit inside a word. */
const INVISIBLE = /[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/;
const SPACE = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]/;
const COMBINING_MARK = /\p{M}/u;
/**
 * Numbers that are not digits: superscript and subscript digits (footnote marks: "Sharif¹"), fractions, circled
 * numbers. Compatibility decomposition would turn "¹" into "1", a digit that joins the word before it; they fold to
 * a space instead.
 */
const OTHER_NUMBER = /\p{No}/u;

/** The canonical form of one code point (may be empty, or several characters for ligatures). */
export function canonicalChar(char: string): string {
  const code = char.charCodeAt(0);
  if (code < 0x80) {
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return ' ';
    return code === 0x60 ? "'" : char;
  }
  if (char === HARD_BREAK) return HARD_BREAK;
  if (INVISIBLE.test(char)) return '';
  if (SPACE.test(char)) return ' ';
  if (APOSTROPHES.test(char)) return "'";
  if (QUOTES.test(char)) return '"';
  if (DASHES.test(char)) return '-';
  if (OTHER_NUMBER.test(char)) return ' ';
  // Compatibility decomposition folds ligatures and full-width forms; dropping the marks folds diacritics.
  let out = '';
  for (const piece of char.normalize('NFKD')) {
    if (!COMBINING_MARK.test(piece)) out += piece;
  }
  return out;
}

export function lowerSameLength(char: string): string {
  const lower = char.toLowerCase();
  return lower.length === char.length ? lower : char;
}

export function normalizeForMatching(original: string): NormalizedText {
  let text = '';
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let lastWasSpace = true; // leading whitespace is dropped, like runs of whitespace inside the text
  for (let i = 0; i < original.length; ) {
    const codePoint = original.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const canonical = canonicalChar(original.slice(i, i + width));
    for (const out of canonical) {
      if (out === ' ') {
        if (lastWasSpace) {
          // Collapse the run: the kept space now also covers this character.
          if (ends.length && text[text.length - 1] === ' ') ends[ends.length - 1] = i + width;
          continue;
        }
        lastWasSpace = true;
      } else {
        lastWasSpace = out === HARD_BREAK;
      }
      text += out;
      folded += lowerSameLength(out);
      starts.push(i);
      ends.push(i + width);
    }
    i += width;
  }
  return { text, folded, starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** The canonical text alone (letter case kept), without the offset maps: for comparing a short match to an alias. */
export function canonicalize(original: string): string {
  let text = '';
  let lastWasSpace = true;
  for (const char of original) {
    for (const out of canonicalChar(char)) {
      if (out === ' ') {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else lastWasSpace = out === HARD_BREAK;
      text += out;
    }
  }
  return text;
}

/** Canonical form of an alias, as the matcher stores it. */
export function normalizeAlias(alias: string): string {
  return normalizeForMatching(alias).text.trim();
}

/**
 * Letters and digits make words; other numbers do not: superscript and subscript digits (footnote marks, "Sharif¹"),
 * fractions and circled numbers follow a word without joining it. `isWordCode` in `fold.ts` tests the same set.
 */
export const WORD_CHAR = /[\p{L}\p{Nd}\p{Nl}]/u;
export function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}
