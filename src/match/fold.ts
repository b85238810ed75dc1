/**
 * Folding for the scanner, one code point at a time and without building strings: the same canonical, lower-cased
 * form as `normalizeForMatching(text).folded`. ASCII goes through a lookup table, other characters through a
 * per-character cache.
 */
import { canonicalChar, lowerSameLength, WORD_CHAR } from './normalize';

const SPACE = 0x20;

/** ASCII: lower-case letters, whitespace as a space, the backtick as an apostrophe. */
export const ASCII_FOLD = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  let folded = c;
  if (c >= 0x41 && c <= 0x5a) folded = c + 0x20;
  else if (c === 0x09 || c === 0x0a || c === 0x0b || c === 0x0c || c === 0x0d) folded = SPACE;
  else if (c === 0x60) folded = 0x27;
  ASCII_FOLD[c] = folded;
}

/** Folded code units for each non-ASCII code point seen so far. */
const foldCache = new Map<number, Uint16Array>();
export function foldCodePoint(codePoint: number): Uint16Array {
  let folded = foldCache.get(codePoint);
  if (!folded) {
    const canonical = canonicalChar(String.fromCodePoint(codePoint));
    let lower = '';
    for (const char of canonical) lower += lowerSameLength(char);
    folded = Uint16Array.from(lower, (char) => char.charCodeAt(0));
    // Astral results keep both halves: they never occur in aliases, so they only need to break matches.
    if (lower.length !== folded.length) folded = Uint16Array.from({ length: lower.length }, (_, i) => lower.charCodeAt(i));
    foldCache.set(codePoint, folded);
  }
  return folded;
}

/**
 * 1 for letters and digits, 0 for everything else (superscript and subscript digits included: see `WORD_CHAR` in
 * `normalize.ts`), filled lazily for non-ASCII code units.
 */
const WORD_TABLE = new Int8Array(65536).fill(-1);
export function isWordCode(code: number): boolean {
  let known = WORD_TABLE[code];
  if (known === -1) WORD_TABLE[code] = known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0;
  return known === 1;
}
