/**
 * The compiled matcher: every alias of every pack folded to its canonical lower-case form and compiled into one
 * Aho–Corasick automaton, so a block of text is scanned in one pass whatever the size of the knowledge base.
 * A hit must start and end at word boundaries; then letter case is checked against the alias's own rule, so one
 * pass serves case-sensitive acronyms ("LoC") and case-insensitive phrases alike.
 */
import { automatonFromData, buildAutomaton, transition, type Automaton, type AutomatonData } from './automaton';
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

/**
 * The aliases of a pattern that accept this exact text, one per entity: when an entity has several forms that
 * fold together ("Line of Control", "line of control"), the least demanding form that accepts the text decides.
 */
function acceptedAliases(pattern: Pattern, canonicalSlice: string): readonly AliasSpec[] {
  if (pattern.terminals.length === 1) {
    const t = pattern.terminals[0];
    return t.spec.caseInsensitive || canonicalSlice === t.canonical || canonicalSlice === t.upper ? t.alone : NONE;
  }
  const byEntity = new Map<string, AliasSpec>();
  for (const t of pattern.terminals) {
    if (!(t.spec.caseInsensitive || canonicalSlice === t.canonical || canonicalSlice === t.upper)) continue;
    const held = byEntity.get(t.spec.entityId);
    if (!held || CONTEXT_STRICTNESS[t.spec.context ?? 'none'] < CONTEXT_STRICTNESS[held.context ?? 'none']) {
      byEntity.set(t.spec.entityId, t.spec);
    }
  }
  return [...byEntity.values()];
}

/** Text that canonicalises to itself: printable ASCII without backticks, single spaces only. */
function isPlain(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x60 || (c === 0x20 && text.charCodeAt(i + 1) === 0x20)) return false;
  }
  return true;
}

export interface Matcher {
  readonly aliasCount: number;
  /** The compiled automaton as plain data, to send to pages that compile the same aliases. */
  automatonData(): AutomatonData;
  /** Bytes held by the compiled automaton's tables. */
  readonly byteSize: number;
  /** Every alias match in one block of text, overlaps included, ordered by end. */
  findCandidates(text: string, block: number): Candidate[];
}

/**
 * The aliases with their canonical text and folded key worked out, so that a page compiling the matcher does not
 * normalise hundreds of names again (the background does it once).
 */
export function prepareAliases(aliases: readonly AliasSpec[]): AliasSpec[] {
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

/**
 * Compiles the aliases into a matcher. `prebuilt` is the automaton the background already built from the same
 * prepared aliases (`matcher.automatonData()`): then nothing but copying numbers happens here.
 */
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

export function compileMatcher(aliases: readonly AliasSpec[], prebuilt?: AutomatonData): Matcher {
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
    const upper = /\p{Ll}/u.test(canonical) ? canonical.toUpperCase() : null;
    patterns[index].terminals.push({ spec, canonical, upper, alone: [spec] });
  }
  const automaton =
    prebuilt && prebuilt.patternLength.length === keys.length && keys.every((k, i) => k.length === prebuilt.patternLength[i])
      ? automatonFromData(prebuilt)
      : buildAutomaton(keys);
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
  /** Which states end a pattern (one load instead of comparing two output offsets). */
  private readonly hasOutput: Uint8Array;

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
    const { outputStart } = automaton;
    this.hasOutput = Uint8Array.from({ length: outputStart.length - 1 }, (_, state) => (outputStart[state + 1] > outputStart[state] ? 1 : 0));
  }

  automatonData(): AutomatonData {
    return this.automaton.toData();
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
      const slice = original.slice(from, end);
      // Most page text is already canonical (same length as the fold, no curly quotes or odd spaces).
      const canonicalSlice = end - from === patternLength[p] && isPlain(slice) ? slice : canonicalize(slice);
      const accepted = acceptedAliases(patterns[p], canonicalSlice);
      if (accepted.length) found.push({ block, start: from, end, aliases: accepted });
    }
  }

  findCandidates(original: string, block: number): Candidate[] {
    // Fields in locals: the loop below runs once per character of the page.
    const { delta, fail, alphabetSize, symbolOf, asciiSymbol, hasOutput } = this;
    const found: Candidate[] = [];
    const length = original.length;
    // Whitespace runs need no test here: the table keeps every state entered by a space where it is on another.
    let state = this.root;
    for (let i = 0; i < length; i++) {
      const unit = original.charCodeAt(i);
      if (unit < 0x80) {
        // The hot path: one table lookup to fold, one to step the automaton, one to see whether a pattern ends.
        const symbol = asciiSymbol[unit];
        const known = delta[state * alphabetSize + symbol];
        state = known === 0 ? transition(delta, fail, alphabetSize, state, symbol) : known;
        if (hasOutput[state] === 1) this.emit(found, original, block, state, i + 1);
        continue;
      }
      // Any other character folds to zero or more units (diacritics dropped, ligatures split, spaces unified).
      const codePoint = original.codePointAt(i)!;
      const end = i + (codePoint > 0xffff ? 2 : 1);
      const folded = foldCodePoint(codePoint);
      for (let f = 0; f < folded.length; f++) {
        state = transition(delta, fail, alphabetSize, state, symbolOf[folded[f]]);
        if (f === folded.length - 1 && hasOutput[state] === 1) this.emit(found, original, block, state, end);
      }
      i = end - 1;
    }
    return found;
  }
}
