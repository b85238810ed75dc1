/**
 * Page-level scan: find alias matches in every block, let the longest claim the text, then judge each short or
 * ambiguous name by what the whole page says. Every decision is recorded with its reason.
 */
import type { Matcher } from './matcher';
import { adjoiningName, looksLikeTitleCase } from './name-context';
import type { AliasSpec, Candidate, Decision, Mention, PageScan } from './types';

/**
 * How many different entities, each named unambiguously, make a page "about" the domain. One could be a passing
 * reference (a travel piece naming the Line of Actual Control); two independent names rarely are.
 */
export const DOMAIN_MIN_ENTITIES = 2;

/** Leftmost-longest: a longer name claims its text ("Jammu and Kashmir" over "Kashmir"). */
function claimLongest(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.block - b.block || a.start - b.start || b.end - a.end);
  const claimed: Candidate[] = [];
  let block = -1;
  let claimedUntil = -1;
  for (const c of sorted) {
    if (c.block !== block) {
      block = c.block;
      claimedUntil = -1;
    }
    if (c.start < claimedUntil) continue;
    claimed.push(c);
    claimedUntil = c.end;
  }
  return claimed;
}

function isUnambiguous(alias: AliasSpec): boolean {
  return alias.context === null;
}

export function scanPage(matcher: Matcher, blocks: readonly string[]): PageScan {
  const claimed = claimLongest(blocks.flatMap((text, index) => matcher.findCandidates(text, index)));

  // Entities named in full somewhere on the page.
  const namedInFull = new Set<string>();
  for (const c of claimed) {
    if (c.aliases.length === 1 && isUnambiguous(c.aliases[0])) namedInFull.add(c.aliases[0].entityId);
  }
  const inDomain = namedInFull.size >= DOMAIN_MIN_ENTITIES;

  // Short names that the page also uses for someone or something else ("Tariq Dar" makes every "Dar" unsafe).
  const headingLike = new Map<number, boolean>();
  const isHeadingLike = (block: number) => {
    let known = headingLike.get(block);
    if (known === undefined) headingLike.set(block, (known = looksLikeTitleCase(blocks[block])));
    return known;
  };
  const namesakes = new Map<string, string>();
  const adjoining = new Map<Candidate, string>();
  for (const c of claimed) {
    if (c.aliases.every(isUnambiguous) || isHeadingLike(c.block)) continue;
    const other = adjoiningName(blocks[c.block], c.start, c.end);
    if (other) {
      adjoining.set(c, other);
      namesakes.set(blocks[c.block].slice(c.start, c.end).toLowerCase(), other);
    }
  }

  const mentions: Mention[] = [];
  const decisions: Decision[] = [];
  for (const c of claimed) {
    const surface = blocks[c.block].slice(c.start, c.end);
    const ids = c.aliases.map((a) => a.entityId);
    const decide = (kept: string | null, reason: string) => {
      decisions.push({ block: c.block, start: c.start, end: c.end, surface, candidates: ids, kept, reason });
      if (kept) mentions.push({ block: c.block, start: c.start, end: c.end, entityId: kept, surface });
    };

    if (c.aliases.length === 1 && isUnambiguous(c.aliases[0])) {
      decide(ids[0], 'named in full');
      continue;
    }
    const glued = adjoining.get(c);
    if (glued) {
      decide(null, `part of another name: "${glued}"`);
      continue;
    }
    const namesake = namesakes.get(surface.toLowerCase());
    if (namesake) {
      decide(null, `the page also uses "${surface}" for "${namesake}"`);
      continue;
    }
    const viable = c.aliases.filter((a) => {
      if (a.context === 'entity') return namedInFull.has(a.entityId);
      if (a.context === 'domain') return inDomain;
      return true;
    });
    if (viable.length === 0) {
      const needsEntity = c.aliases.some((a) => a.context === 'entity');
      decide(
        null,
        needsEntity && inDomain
          ? `short name, and the page never names ${ids.join(' or ')} in full`
          : 'the page is not about this knowledge base\u2019s subject',
      );
      continue;
    }
    // Several entities share the name: one named in full on the page wins; otherwise it stays unexplained.
    const preferred = viable.length === 1 ? viable : viable.filter((a) => namedInFull.has(a.entityId));
    if (preferred.length === 1) {
      decide(preferred[0].entityId, viable.length === 1 ? contextReason(preferred[0]) : 'the one named in full on this page');
    } else {
      decide(null, `ambiguous between ${viable.map((a) => a.entityId).join(' and ')}`);
    }
  }
  return { mentions, decisions, inDomain };
}

function contextReason(alias: AliasSpec): string {
  if (alias.context === 'entity') return 'short name of an entity named in full on this page';
  if (alias.context === 'domain') return 'the page is about this subject';
  return 'named in full';
}
