/**
 * An Aho–Corasick automaton over UTF-16 code units, compiled into flat typed arrays: one table lookup per
 * character of text, whatever the number of patterns, so a scan is linear in the text.
 *
 * Characters that occur in no pattern share one symbol that always leads back to the root, which keeps the
 * transition table small (states × alphabet).
 */

export interface Automaton {
  /** Symbol of each code unit (0 for "in no pattern"). */
  readonly symbolOf: Uint16Array;
  readonly alphabetSize: number;
  /** Full transition function: `delta[state * alphabetSize + symbol]` (16-bit while the states fit: half the cache). */
  readonly delta: Uint16Array | Int32Array;
  /** Patterns that end in each state (own and inherited through failure links): `outputs[outputStart[s] .. outputStart[s + 1])`. */
  readonly outputStart: Int32Array;
  readonly outputs: Int32Array;
  /** Length of each pattern, in code units. */
  readonly patternLength: Int32Array;
  readonly stateCount: number;
  /** Bytes held by the typed arrays. */
  readonly byteSize: number;
}

export function buildAutomaton(patterns: readonly string[]): Automaton {
  // The alphabet: every code unit used by some pattern.
  const symbolOf = new Uint16Array(65536);
  let alphabetSize = 1;
  for (const pattern of patterns) {
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      if (symbolOf[code] === 0) symbolOf[code] = alphabetSize++;
    }
  }

  // The trie, in a flat table sized for the worst case (every pattern character a new state); -1 is "no child".
  const maxStates = patterns.reduce((n, p) => n + p.length, 0) + 1;
  const table = new Int32Array(maxStates * alphabetSize).fill(-1);
  const own: number[][] = [[]];
  let stateCount = 1;
  patterns.forEach((pattern, index) => {
    let state = 0;
    for (let i = 0; i < pattern.length; i++) {
      const slot = state * alphabetSize + symbolOf[pattern.charCodeAt(i)];
      if (table[slot] < 0) {
        table[slot] = stateCount++;
        own.push([]);
      }
      state = table[slot];
    }
    own[state].push(index);
  });

  // Breadth-first, turning the trie into the full transition function in place: a missing child becomes the
  // transition of the failure state. Each state's outputs are its own patterns and those of its failure state.
  const delta = table.subarray(0, stateCount * alphabetSize);
  const fail = new Int32Array(stateCount);
  const outputsOf: number[][] = new Array(stateCount);
  outputsOf[0] = own[0];
  const queue = new Int32Array(stateCount);
  let tail = 0;
  for (let symbol = 0; symbol < alphabetSize; symbol++) {
    const next = delta[symbol];
    if (next < 0) delta[symbol] = 0;
    else {
      fail[next] = 0;
      queue[tail++] = next;
    }
  }
  for (let head = 0; head < tail; head++) {
    const state = queue[head];
    outputsOf[state] = own[state].length ? [...own[state], ...outputsOf[fail[state]]] : outputsOf[fail[state]];
    const row = state * alphabetSize;
    const failRow = fail[state] * alphabetSize;
    for (let symbol = 0; symbol < alphabetSize; symbol++) {
      const next = delta[row + symbol];
      if (next < 0) {
        delta[row + symbol] = delta[failRow + symbol];
      } else {
        fail[next] = delta[failRow + symbol];
        queue[tail++] = next;
      }
    }
  }

  const compactDelta = stateCount <= 0xffff ? Uint16Array.from(delta) : delta.slice();
  const outputStart = new Int32Array(stateCount + 1);
  let total = 0;
  for (let s = 0; s < stateCount; s++) {
    outputStart[s] = total;
    total += outputsOf[s].length;
  }
  outputStart[stateCount] = total;
  const outputs = new Int32Array(total);
  for (let s = 0; s < stateCount; s++) outputs.set(outputsOf[s], outputStart[s]);
  const patternLength = Int32Array.from(patterns, (p) => p.length);

  return {
    symbolOf,
    alphabetSize,
    delta: compactDelta,
    outputStart,
    outputs,
    patternLength,
    stateCount,
    byteSize: symbolOf.byteLength + compactDelta.byteLength + outputStart.byteLength + outputs.byteLength + patternLength.byteLength,
  };
}
