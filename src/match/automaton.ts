/**
 * An Aho–Corasick automaton over UTF-16 code units in flat typed arrays: one table lookup per character of text,
 * whatever the number of patterns, so a scan is linear in the text.
 *
 * The transition table is filled lazily: building it stores only the trie and the failure links (a few thousand
 * steps), and the first time the scan meets a (state, character) pair that is
 * not a trie edge it follows the failure links once and remembers the answer. Characters that occur in no pattern
 * share one symbol, which keeps the table small (states × alphabet).
 */

export interface Automaton {
  /** Symbol of each code unit (0 for "in no pattern"). */
  readonly symbolOf: Uint16Array;
  readonly alphabetSize: number;
  /** The root state. State numbers start at 1: 0 in `delta` means "not computed yet". */
  readonly root: number;
  /** Failure links, for `transition`. */
  readonly fail: Int32Array;
  /** The transition table (`delta[state * alphabetSize + symbol]`); 0 entries must go through `transition`. */
  readonly delta: Uint16Array | Int32Array;
  /** Patterns that end in each state (own and inherited through failure links): `outputs[outputStart[s] .. outputStart[s + 1])`. */
  readonly outputStart: Int32Array;
  readonly outputs: Int32Array;
  /** Length of each pattern, in code units. */
  readonly patternLength: Int32Array;
  readonly stateCount: number;
  /**
   * States are numbered so that exactly those from this one on end a pattern: the scanner learns that a pattern
   * ends by comparing the state number, without a table lookup per character.
   */
  readonly firstOutputState: number;
  /** Bytes held by the typed arrays. */
  readonly byteSize: number;
  /**
   * Makes a run of `code` read as one: every state entered by `code` stays where it is on another. The scanner
   * folds whitespace runs to one space this way, in the table, instead of testing every character of the page.
   * Only for a code that no pattern repeats (no alias holds two spaces in a row).
   */
  readRunsAsOne(code: number): void;
}

const ROOT = 1;

interface Parts {
  symbolOf: Uint16Array;
  alphabetSize: number;
  delta: Uint16Array | Int32Array;
  fail: Int32Array;
  outputStart: Int32Array;
  outputs: Int32Array;
  patternLength: Int32Array;
  stateCount: number;
  edges: number[];
  firstOutputState: number;
}

/** The first state with outputs, checking that every later state has some too (see `firstOutputState`). */
function firstOutputStateOf(outputStart: Int32Array): number {
  const states = outputStart.length - 1;
  let first = states;
  while (first > ROOT + 1 && outputStart[first] > outputStart[first - 1]) first--;
  for (let s = ROOT; s < first; s++) {
    if (outputStart[s + 1] > outputStart[s]) throw new Error(`automaton: state ${s} has outputs but is numbered before ${first}`);
  }
  return first;
}

/**
 * The transition function over a lazily filled table: a missing edge leads where the failure state's does (the
 * root's missing edges lead back to the root), and the answer is remembered. A plain function rather than a closure
 * per automaton, so that every automaton in a process shares one optimised copy.
 */
export function transition(delta: Uint16Array | Int32Array, fail: Int32Array, alphabetSize: number, state: number, symbol: number): number {
  const slot = state * alphabetSize + symbol;
  let target = delta[slot];
  if (target === 0) {
    target = state === ROOT ? ROOT : transition(delta, fail, alphabetSize, fail[state], symbol);
    delta[slot] = target;
  }
  return target;
}

function assemble(parts: Parts): Automaton {
  const { symbolOf, alphabetSize, delta, fail, outputStart, outputs, patternLength, stateCount, edges, firstOutputState } = parts;
  return {
    symbolOf,
    alphabetSize,
    root: ROOT,
    fail,
    delta,
    outputStart,
    outputs,
    patternLength,
    stateCount,
    firstOutputState,
    byteSize: symbolOf.byteLength + delta.byteLength + outputStart.byteLength + outputs.byteLength + patternLength.byteLength + fail.byteLength,
    readRunsAsOne: (code: number) => {
      const symbol = symbolOf[code];
      if (symbol === 0) return; // no pattern holds it: every state goes to the root on it, and stays there
      // A state entered by `code` is a trie node whose last character is `code`; the root is already a fixed point.
      for (let i = 0; i < edges.length; i += 3) {
        if (edges[i + 1] === symbol) delta[edges[i + 2] * alphabetSize + symbol] = edges[i + 2];
      }
    },
  };
}

function newDelta(states: number, alphabetSize: number): Uint16Array | Int32Array {
  return states <= 0xffff ? new Uint16Array(states * alphabetSize) : new Int32Array(states * alphabetSize);
}

export function buildAutomaton(patterns: readonly string[]): Automaton {
  // The alphabet: every code unit used by some pattern.
  const symbolOf = new Uint16Array(65536);
  let alphabetSize = 1;
  let totalLength = 0;
  for (const pattern of patterns) {
    totalLength += pattern.length;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      if (symbolOf[code] === 0) symbolOf[code] = alphabetSize++;
    }
  }

  // The trie, written straight into the transition table (sized for the worst case: every character a new state).
  const maxStates = totalLength + 2;
  const trie = newDelta(maxStates, alphabetSize);
  const edges: number[] = [];
  const childSymbols: number[][] = [[], []];
  const own: number[][] = [[], []];
  let next = ROOT + 1;
  patterns.forEach((pattern, index) => {
    let state = ROOT;
    for (let i = 0; i < pattern.length; i++) {
      const symbol = symbolOf[pattern.charCodeAt(i)];
      const slot = state * alphabetSize + symbol;
      if (trie[slot] === 0) {
        trie[slot] = next;
        edges.push(state, symbol, next);
        next++;
        childSymbols[state].push(symbol);
        childSymbols.push([]);
        own.push([]);
      }
      state = trie[slot];
    }
    own[state].push(index);
  });
  const stateCount = next - 1;
  const fail = new Int32Array(next);
  // The table at its real size (the trie was sized for the worst case).
  const delta = trie.slice(0, next * alphabetSize);
  const step = (state: number, symbol: number) => transition(delta, fail, alphabetSize, state, symbol);

  // Breadth-first over the trie: failure links, and each state's outputs (its own and its failure state's).
  const outputsOf: number[][] = new Array(next);
  outputsOf[ROOT] = own[ROOT];
  fail[ROOT] = ROOT;
  const queue: number[] = [];
  for (const symbol of childSymbols[ROOT]) {
    const child = delta[ROOT * alphabetSize + symbol];
    fail[child] = ROOT;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    outputsOf[state] = own[state].length ? [...own[state], ...outputsOf[fail[state]]] : outputsOf[fail[state]];
    for (const symbol of childSymbols[state]) {
      const child = delta[state * alphabetSize + symbol];
      fail[child] = step(fail[state], symbol);
      queue.push(child);
    }
  }

  // Renumber the states: the root stays 1, states that end no pattern come next, those that end one last.
  const order: number[] = [ROOT];
  for (let s = ROOT + 1; s < next; s++) if (outputsOf[s].length === 0) order.push(s);
  for (let s = ROOT + 1; s < next; s++) if (outputsOf[s].length > 0) order.push(s);
  const renamed = new Int32Array(next);
  order.forEach((old, i) => (renamed[old] = ROOT + i));
  const renamedEdges: number[] = [];
  const renumbered = newDelta(next, alphabetSize);
  for (let i = 0; i < edges.length; i += 3) {
    const from = renamed[edges[i]];
    const to = renamed[edges[i + 2]];
    renamedEdges.push(from, edges[i + 1], to);
    renumbered[from * alphabetSize + edges[i + 1]] = to;
  }
  const renamedFail = new Int32Array(next);
  for (let s = ROOT; s < next; s++) renamedFail[renamed[s]] = renamed[fail[s]];

  const outputStart = new Int32Array(next + 1);
  let total = 0;
  outputStart[0] = 0;
  for (const old of order) {
    outputStart[renamed[old]] = total;
    total += outputsOf[old].length;
  }
  outputStart[next] = total;
  const outputs = new Int32Array(total);
  for (const old of order) outputs.set(outputsOf[old], outputStart[renamed[old]]);
  const patternLength = Int32Array.from(patterns, (p) => p.length);
  return assemble({
    symbolOf,
    alphabetSize,
    delta: renumbered,
    fail: renamedFail,
    outputStart,
    outputs,
    patternLength,
    stateCount,
    edges: renamedEdges,
    firstOutputState: firstOutputStateOf(outputStart),
  });
}
