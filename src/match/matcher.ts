/**
 * The compiled matcher: every alias of every pack in one character trie over the canonical, lower-cased form,
 * walked from each word start of a text. Letter case is checked after a hit, against the alias's own rule, so one
 * walk serves case-sensitive acronyms ("LoC") and case-insensitive phrases alike.
 */
import { isWordChar, normalizeAlias, normalizeForMatching, type NormalizedText } from './normalize';
import type { AliasSpec, Candidate } from './types';

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Aliases ending here, with their canonical (case-kept) text for the case check. */
  terminals: Array<{ spec: AliasSpec; canonical: string; upper: string | null }>;
}

function newNode(): TrieNode {
  return { next: new Map(), terminals: [] };
}

const CONTEXT_STRICTNESS = { none: 0, domain: 1, entity: 2 } as const;

/**
 * The aliases at a trie node that accept this exact text, one per entity: when an entity has several forms that
 * fold together ("Line of Control", "line of control"), the least demanding form that accepts the text decides.
 */
function acceptedAliases(node: TrieNode, slice: string): AliasSpec[] {
  const byEntity = new Map<string, AliasSpec>();
  for (const t of node.terminals) {
    if (!(t.spec.caseInsensitive || slice === t.canonical || slice === t.upper)) continue;
    const held = byEntity.get(t.spec.entityId);
    if (!held || CONTEXT_STRICTNESS[t.spec.context ?? 'none'] < CONTEXT_STRICTNESS[held.context ?? 'none']) {
      byEntity.set(t.spec.entityId, t.spec);
    }
  }
  return [...byEntity.values()];
}

export interface Matcher {
  readonly aliasCount: number;
  /** Every alias match in one block of text, overlaps included, ordered by start. */
  findCandidates(text: string, block: number): Candidate[];
}

export function compileMatcher(aliases: readonly AliasSpec[]): Matcher {
  const root = newNode();
  let aliasCount = 0;
  for (const spec of aliases) {
    const canonical = normalizeAlias(spec.text);
    if (!canonical || !isWordChar(canonical[0]) || !isWordChar(canonical[canonical.length - 1])) {
      throw new Error(`alias "${spec.text}" of ${spec.entityId} must start and end with a letter or digit`);
    }
    let node = root;
    for (const char of canonical.toLowerCase()) {
      let child = node.next.get(char);
      if (!child) node.next.set(char, (child = newNode()));
      node = child;
    }
    // A name typed in capitals ("PAHALGAM —", "OPERATION SINDOOR") is still the name; an acronym already is.
    const upper = /\p{Ll}/u.test(canonical) ? canonical.toUpperCase() : null;
    node.terminals.push({ spec, canonical, upper });
    aliasCount++;
  }

  function findCandidates(original: string, block: number): Candidate[] {
    const norm: NormalizedText = normalizeForMatching(original);
    const { text, folded, starts, ends } = norm;
    const found: Candidate[] = [];
    for (let i = 0; i < folded.length; i++) {
      if (!isWordChar(folded[i]) || isWordChar(folded[i - 1])) continue;
      let node: TrieNode | undefined = root;
      for (let j = i; j < folded.length && node; j++) {
        node = node.next.get(folded[j]);
        if (!node || node.terminals.length === 0 || isWordChar(folded[j + 1])) continue;
        const slice = text.slice(i, j + 1);
        const accepted = acceptedAliases(node, slice);
        if (accepted.length) found.push({ block, start: starts[i], end: ends[j], aliases: accepted });
      }
    }
    return found;
  }

  return { aliasCount, findCandidates };
}
