/**
 * The compiled matcher: every alias of every pack folded to its canonical lower-case form and compiled into one
 * Aho–Corasick automaton, so a block of text is scanned in one pass whatever the size of the knowledge base.
 * A hit must start and end at word boundaries; then letter case is checked against the alias's own rule, so one
 * pass serves case-sensitive acronyms ("LoC") and case-insensitive phrases alike.
 */
import { buildAutomaton, transition, type Automaton } from './automaton';
import { ASCII_FOLD, foldCodePoint, isWordCode } from './fold';
import { canonicalize, isWordChar, normalizeAlias, normalizeForMatching } from './normalize';
import type { AliasSpec, Candidate } from './types';

interface Terminal {
  spec: AliasSpec;
  canonical: string;
  upper: string | null;
  /** `[spec]`, built once: the answer for the common case of one alias per pattern. */
  alone: readonly AliasSpec[];
}

/** One folded pattern and every alias (of any entity) that folds to it. */
interface Pattern {
  terminals: Terminal[];
}

const SPACE = 0x20;

const NONE: readonly AliasSpec[] = [];
const CONTEXT_STRICTNESS = { none: 0, domain: 1, entity: 2 } as const;

/** Whether `original` holds exactly `expected` from `from` on, compared in place (no slice, no allocation). */
function holdsAt(original: string, from: number, end: number, expected: string): boolean {
  if (end - from !== expected.length) return false;
  for (let k = 0; k < expected.length; k++) if (original.charCodeAt(from + k) !== expected.charCodeAt(k)) return false;
  return true;
}

/** Text that canonicalises to itself: printable ASCII without backticks, single spaces only. */
function isPlainAt(original: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = original.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x60 || (c === 0x20 && i + 1 < end && original.charCodeAt(i + 1) === 0x20)) return false;
  }
  return true;
}

/**
 * Whether the page's text `original[from, end)` (which folds to the terminal's key) is written as the alias allows:
 * any case, or the alias's own case, or all capitals. Most page text is already canonical and is compared in place;
 * text with curly quotes, odd spaces or soft hyphens is canonicalised first (`canonical` caches that per match).
 */
function acceptsText(t: Terminal, original: string, from: number, end: number, canonical: { text: string | null }): boolean {
  if (t.spec.caseInsensitive) return true;
  if (holdsAt(original, from, end, t.canonical) || (t.upper !== null && holdsAt(original, from, end, t.upper))) return true;
  if (isPlainAt(original, from, end)) return false;
  canonical.text ??= canonicalize(original.slice(from, end));
  return canonical.text === t.canonical || canonical.text === t.upper;
}

/**
 * The aliases of a pattern that accept this exact text, one per entity: when an entity has several forms that
 * fold together ("Line of Control", "line of control"), the least demanding form that accepts the text decides.
 */
function acceptedAliases(pattern: Pattern, original: string, from: number, end: number): readonly AliasSpec[] {
  const canonical = { text: null as string | null };
  if (pattern.terminals.length === 1) {
    const t = pattern.terminals[0];
    return acceptsText(t, original, from, end, canonical) ? t.alone : NONE;
  }
  const byEntity = new Map<string, AliasSpec>();
  for (const t of pattern.terminals) {
    if (!acceptsText(t, original, from, end, canonical)) continue;
    const held = byEntity.get(t.spec.entityId);
    if (!held || CONTEXT_STRICTNESS[t.spec.context ?? 'none'] < CONTEXT_STRICTNESS[held.context ?? 'none']) {
      byEntity.set(t.spec.entityId, t.spec);
    }
  }
  return [...byEntity.values()];
}

export interface Matcher {
  readonly aliasCount: number;
  /** Bytes held by the compiled automaton's tables. */
  readonly byteSize: number;
  /** Every alias match in one block of text, overlaps included, ordered by end. */
  findCandidates(text: string, block: number): Candidate[];
}

/** The aliases with their canonical text and folded key worked out (once each, however many patterns share them). */
function prepareAliases(aliases: readonly AliasSpec[]): AliasSpec[] {
  return aliases.map((spec) => {
    const canonical = spec.canonical ?? normalizeAlias(spec.text);
    if (!canonical || !isWordChar(canonical[0]) || !isWordChar(canonical[canonical.length - 1])) {
      throw new Error(`alias "${spec.text}" of ${spec.entityId} must start and end with a letter or digit`);
    }
    // Every spec gets the same fields in the same order: the scan reads them millions of times, and objects of one
    // shape keep those reads fast (specs arriving from the background have lost their shapes to serialisation).
    return {
      entityId: spec.entityId,
      entityType: spec.entityType,
      text: spec.text,
      caseInsensitive: spec.caseInsensitive,
      context: spec.context,
      roleWords: spec.roleWords ?? NO_WORDS,
      cue: spec.cue === true,
      canonical,
      key: spec.key ?? normalizeForMatching(canonical).folded,
    };
  });
}
const NO_WORDS: readonly string[] = [];

/** The first folded unit of the code point starting at `at` that is not invisible, or -1 at the end. */
function nextFolded(text: string, at: number): number {
  while (at < text.length) {
    const unit = text.charCodeAt(at);
    if (unit < 0x80) return ASCII_FOLD[unit];
    const codePoint = text.codePointAt(at)!;
    const folded = foldCodePoint(codePoint);
    if (folded.length) return folded[0];
    at += codePoint > 0xffff ? 2 : 1;
  }
  return -1;
}

/** The last folded unit of the code point ending at `at` that is not invisible, or -1 at the start. */
function previousFolded(text: string, at: number): number {
  while (at > 0) {
    const unit = text.charCodeAt(at - 1);
    if (unit < 0x80) return ASCII_FOLD[unit];
    const width = at >= 2 && unit >= 0xdc00 && unit <= 0xdfff ? 2 : 1;
    const folded = foldCodePoint(text.codePointAt(at - width)!);
    if (folded.length) return folded[folded.length - 1];
    at -= width;
  }
  return -1;
}

/**
 * Where, in the original text, the folded match of `length` units that ends at `end` starts; -1 when it would
 * start inside a character (one that folds to several, like a ligature). Whitespace runs count as one space.
 */
function matchStart(text: string, end: number, length: number): number {
  let need = length;
  let at = end;
  let countedSpace = false;
  while (need > 0 && at > 0) {
    const unit = text.charCodeAt(at - 1);
    let width = 1;
    let units = 1;
    let isSpace: boolean;
    if (unit < 0x80) {
      isSpace = ASCII_FOLD[unit] === SPACE;
    } else {
      if (at >= 2 && unit >= 0xdc00 && unit <= 0xdfff) width = 2;
      const folded = foldCodePoint(text.codePointAt(at - width)!);
      units = folded.length;
      isSpace = units === 1 && folded[0] === SPACE;
    }
    at -= width;
    if (isSpace && countedSpace) continue; // part of a run already counted as one space
    countedSpace = isSpace;
    need -= units;
  }
  return need === 0 ? at : -1;
}

/** Compiles the aliases (raw or already prepared) into a matcher. */
export function compileMatcher(aliases: readonly AliasSpec[]): Matcher {
  const patternIndex = new Map<string, number>();
  const patterns: Pattern[] = [];
  const keys: string[] = [];
  for (const spec of prepareAliases(aliases)) {
    const canonical = spec.canonical!;
    const key = spec.key!;
    let index = patternIndex.get(key);
    if (index === undefined) {
      patternIndex.set(key, (index = patterns.length));
      patterns.push({ terminals: [] });
      keys.push(key);
    }
    // A name typed in capitals ("PAHALGAM —", "OPERATION SINDOOR") is still the name; an acronym already is.
    const capitals = canonical.toUpperCase();
    const upper = capitals === canonical ? null : capitals;
    patterns[index].terminals.push({ spec, canonical, upper, alone: [spec] });
  }
  const automaton = buildAutomaton(keys);
  return new CompiledMatcher(aliases.length, patterns, automaton);
}

/**
 * The matcher as a class, not closures: every matcher in a process (a page that reloads its names, a benchmark that
 * compiles twice) shares one optimised copy of the scan loop, which closures made per matcher would not.
 */
class CompiledMatcher implements Matcher {
  readonly byteSize: number;
  private readonly delta: Uint16Array | Int32Array;
  private readonly fail: Int32Array;
  private readonly alphabetSize: number;
  private readonly symbolOf: Uint16Array;
  private readonly root: number;
  private readonly outputStart: Int32Array;
  private readonly outputs: Int32Array;
  private readonly patternLength: Int32Array;
  /** For the hot path: each ASCII code unit's symbol after folding. */
  private readonly asciiSymbol: Uint16Array;
  /** States from this one on end a pattern (the automaton numbers them so). */
  private readonly firstOutputState: number;

  constructor(
    readonly aliasCount: number,
    private readonly patterns: Pattern[],
    private readonly automaton: Automaton,
  ) {
    this.byteSize = automaton.byteSize;
    automaton.readRunsAsOne(SPACE);
    this.delta = automaton.delta;
    this.fail = automaton.fail;
    this.alphabetSize = automaton.alphabetSize;
    this.symbolOf = automaton.symbolOf;
    this.root = automaton.root;
    this.outputStart = automaton.outputStart;
    this.outputs = automaton.outputs;
    this.patternLength = automaton.patternLength;
    this.asciiSymbol = Uint16Array.from(ASCII_FOLD, (folded) => automaton.symbolOf[folded]);
    this.firstOutputState = automaton.firstOutputState;
  }

  /** Every pattern in `matchState`, which the scan reached at original offset `end`, that is a whole-word match. */
  private emit(found: Candidate[], original: string, block: number, matchState: number, end: number): void {
    const after = nextFolded(original, end);
    if (after >= 0 && isWordCode(after)) return;
    const { outputStart, outputs, patternLength, patterns } = this;
    for (let o = outputStart[matchState]; o < outputStart[matchState + 1]; o++) {
      const p = outputs[o];
      const from = matchStart(original, end, patternLength[p]);
      if (from < 0) continue;
      const before = previousFolded(original, from);
      if (before >= 0 && isWordCode(before)) continue;
      const accepted = acceptedAliases(patterns[p], original, from, end);
      if (accepted.length) found.push({ block, start: from, end, aliases: accepted });
    }
  }

  findCandidates(original: string, block: number): Candidate[] {
    // Fields in locals: the loop below runs once per character of the page.
    const { delta, fail, alphabetSize, symbolOf, asciiSymbol, firstOutputState } = this;
    const found: Candidate[] = [];
    const length = original.length;
    // Whitespace runs need no test here: the table keeps every state entered by a space where it is on another.
    let state = this.root;
    for (let i = 0; i < length; i++) {
      const unit = original.charCodeAt(i);
      if (unit < 0x80) {
        // The hot path: one table lookup to fold, one to step the automaton; states that end a pattern come last.
        const symbol = asciiSymbol[unit];
        const known = delta[state * alphabetSize + symbol];
        state = known === 0 ? transition(delta, fail, alphabetSize, state, symbol) : known;
        if (state >= firstOutputState) this.emit(found, original, block, state, i + 1);
        continue;
      }
      // Any other character folds to zero or more units (diacritics dropped, ligatures split, spaces unified).
      const codePoint = original.codePointAt(i)!;
      const end = i + (codePoint > 0xffff ? 2 : 1);
      const folded = foldCodePoint(codePoint);
      for (let f = 0; f < folded.length; f++) {
        state = transition(delta, fail, alphabetSize, state, symbolOf[folded[f]]);
        if (f === folded.length - 1 && state >= firstOutputState) this.emit(found, original, block, state, end);
      }
      i = end - 1;
    }
    return found;
  }
}
