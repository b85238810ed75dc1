/**
 * The scanner's view of a text: its canonical, lower-cased form as UTF-16 code units in a typed array, with maps
 * back to the original offsets. Same result as `normalizeForMatching(text).folded`, computed without building
 * strings: ASCII goes through a lookup table, other characters through a per-character cache.
 */
import { canonicalChar, lowerSameLength } from './normalize';

const SPACE = 0x20;
const HARD_BREAK_CODE = 0x2029;

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

/** 1 for letters and digits, 0 for everything else, filled lazily for non-ASCII code units. */
const WORD_TABLE = new Int8Array(65536).fill(-1);
const WORD_CHAR = /[\p{L}\p{N}]/u;
export function isWordCode(code: number): boolean {
  let known = WORD_TABLE[code];
  if (known === -1) WORD_TABLE[code] = known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 0;
  return known === 1;
}

export interface FoldedText {
  /** Folded code units; only the first `length` are valid (the arrays are reused between calls). */
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length: number;
}

let buffer: FoldedText = { codes: new Uint16Array(1024), starts: new Int32Array(1024), ends: new Int32Array(1024), length: 0 };

function ensureCapacity(needed: number): void {
  if (buffer.codes.length >= needed) return;
  let size = buffer.codes.length;
  while (size < needed) size *= 2;
  const grown = { codes: new Uint16Array(size), starts: new Int32Array(size), ends: new Int32Array(size), length: buffer.length };
  grown.codes.set(buffer.codes);
  grown.starts.set(buffer.starts);
  grown.ends.set(buffer.ends);
  buffer = grown;
}

/**
 * Folds `text` into the shared buffer and returns it. The result is valid until the next call: the scanner uses
 * it at once, and reusing one buffer keeps a scan of a large page from allocating per block.
 */
export function foldText(text: string): FoldedText {
  // Canonical forms rarely expand (ligatures); twice the length plus a margin always suffices.
  ensureCapacity(text.length * 2 + 8);
  let { codes, starts, ends } = buffer;
  let n = 0;
  let lastWasSpace = true;
  for (let i = 0; i < text.length; ) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) {
      const folded = ASCII_FOLD[unit];
      if (folded === SPACE) {
        if (lastWasSpace) {
          if (n > 0 && codes[n - 1] === SPACE) ends[n - 1] = i + 1;
          i++;
          continue;
        }
        lastWasSpace = true;
      } else lastWasSpace = false;
      codes[n] = folded;
      starts[n] = i;
      ends[n] = i + 1;
      n++;
      i++;
      continue;
    }
    const codePoint = text.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const folded = foldCodePoint(codePoint);
    if (n + folded.length + (text.length - i) * 2 >= codes.length) {
      // Expanding characters (ligatures, some compatibility forms) outgrew the room: grow, keeping what is done.
      ensureCapacity(n + folded.length + (text.length - i) * 2 + 8);
      ({ codes, starts, ends } = buffer);
    }
    for (let k = 0; k < folded.length; k++) {
      const out = folded[k];
      if (out === SPACE) {
        if (lastWasSpace) {
          if (n > 0 && codes[n - 1] === SPACE) ends[n - 1] = i + width;
          continue;
        }
        lastWasSpace = true;
      } else lastWasSpace = out === HARD_BREAK_CODE;
      codes[n] = out;
      starts[n] = i;
      ends[n] = i + width;
      n++;
    }
    i += width;
  }
  buffer.length = n;
  return buffer;
}
