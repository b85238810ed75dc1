/**
 * Page-level scan: find alias matches in every block, let the longest claim the text, then judge each short or
 * ambiguous name by what the whole page says. With `explain`, every decision is recorded with its reason.
 */
import type { Matcher } from './matcher';
import { adjoiningName, looksLikeTitleCase, titleWordsBefore } from './name-context';
import type { AliasSpec, Candidate, Decision, Mention, PageScan } from './types';

/**
 * How many different entities, each named unambiguously, make a page "about" the domain. One could be a passing
 * reference (a travel piece naming the Line of Actual Control); two independent names rarely are.
 */
export const DOMAIN_MIN_ENTITIES = 2;

/**
 * A page that names only one entity in full is still about the domain when it also uses this many different cue
 * words of the pack ("ceasefire", "shelling", "militants"): a short wire brief about firing on the LoC.
 */
export const DOMAIN_MIN_CUES_WITH_ONE_ENTITY = 2;

export interface ScanOptions {
  /** Record why each candidate was kept or dropped (`npm run scan -- --explain`). */
  explain?: boolean;
}

function byPosition(a: Candidate, b: Candidate): number {
  return a.start - b.start || b.end - a.end;
}

function inPositionOrder(found: readonly Candidate[]): boolean {
  for (let i = 1; i < found.length; i++) if (byPosition(found[i - 1], found[i]) > 0) return false;
  return true;
}

/** Shared by every block with nothing found; its arrays are never written to (no candidate, no cue). */
const NOTHING_FOUND: BlockScan = { claimed: [], cues: [] };

/** What one block of text contributes to a page: its claimed name candidates and the cue words in it. */
export interface BlockScan {
  claimed: Candidate[];
  cues: string[];
}

/**
 * Matches one block and lets the longest candidate claim its text (leftmost-longest): "Jammu and Kashmir" over
 * "Kashmir". Blocks are independent, so a page can be scanned block by block, and a changed block rescanned alone.
 */
export function scanBlock(matcher: Matcher, text: string, block: number): BlockScan {
  const found = matcher.findCandidates(text, block);
  // Most blocks of a page name nobody: they share one empty result (never mutated).
  if (found.length === 0) return NOTHING_FOUND;
  if (found.length > 1 && !inPositionOrder(found)) found.sort(byPosition);
  // Cue words are evidence about the page, not names: they never claim a name's text nor become mentions.
  // Among themselves the longest wins too, so "ceasefire violation" is one cue, not also "ceasefire".
  const claimed: Candidate[] = [];
  const cues: string[] = [];
  let claimedUntil = -1;
  let cueUntil = -1;
  for (const c of found) {
    if (c.aliases[0].cue) {
      if (c.start >= cueUntil) {
        cues.push(c.aliases[0].entityId);
        cueUntil = c.end;
      }
    } else if (c.start >= claimedUntil) {
      claimed.push(c);
      claimedUntil = c.end;
    }
  }
  return { claimed, cues };
}

function isPlainName(c: Candidate): boolean {
  return c.aliases.length === 1 && c.aliases[0].context === null;
}

function contextReason(alias: AliasSpec): string {
  if (alias.context === 'entity') return 'short name of an entity named in full on this page';
  if (alias.context === 'domain') return 'the page is about this subject';
  return 'named in full';
}

export function scanPage(matcher: Matcher, blocks: readonly string[], options: ScanOptions = {}): PageScan {
  return judgePage(blocks, blocks.map((text, index) => scanBlock(matcher, text, index)), options);
}

/**
 * The page-level judgement over every block's claimed candidates: which short names and acronyms the page gives
 * enough context for. `scans[i]` must be the scan of `blocks[i]`; candidates come out in block order.
 */
export function judgePage(blocks: readonly string[], scans: readonly BlockScan[], options: ScanOptions = {}): PageScan {
  const cues = new Set<string>();
  const claimed: Candidate[] = [];
  for (const scan of scans) {
    for (const cue of scan.cues) cues.add(cue);
    for (const c of scan.claimed) claimed.push(c);
  }

  // Entities named in full somewhere on the page.
  const namedInFull = new Set<string>();
  for (const c of claimed) if (isPlainName(c)) namedInFull.add(c.aliases[0].entityId);
  const inDomain =
    namedInFull.size >= DOMAIN_MIN_ENTITIES || (namedInFull.size === 1 && cues.size >= DOMAIN_MIN_CUES_WITH_ONE_ENTITY);

  // Short names that the page also uses for someone or something else ("Tariq Dar" makes every "Dar" unsafe).
  const headingLike = new Map<number, boolean>();
  const namesakes = new Map<string, string>();
  const adjoining = new Map<Candidate, string>();
  for (const c of claimed) {
    if (isPlainName(c) || c.aliases.every((a) => a.context === null)) continue;
    let heading = headingLike.get(c.block);
    if (heading === undefined) headingLike.set(c.block, (heading = looksLikeTitleCase(blocks[c.block])));
    if (heading) continue;
    const other = adjoiningName(blocks[c.block], c.start, c.end);
    if (other) {
      adjoining.set(c, other);
      namesakes.set(blocks[c.block].slice(c.start, c.end).toLowerCase(), other);
    }
  }

  const mentions: Mention[] = [];
  const decisions: Decision[] = [];
  const explain = options.explain === true;
  for (const c of claimed) {
    const surface = blocks[c.block].slice(c.start, c.end);
    let kept: string | null = null;
    let reason: string;
    if (isPlainName(c)) {
      kept = c.aliases[0].entityId;
      reason = 'named in full';
    } else {
      const glued = adjoining.get(c);
      const namesake = glued ? undefined : namesakes.get(surface.toLowerCase());
      if (glued) reason = `part of another name: "${glued}"`;
      else if (namesake) reason = `the page also uses "${surface}" for "${namesake}"`;
      else {
        const viable = c.aliases.filter((a) =>
          a.context === 'entity' ? namedInFull.has(a.entityId) : a.context === 'domain' ? inDomain : true,
        );
        // Several entities share the name: one named in full on the page wins; otherwise it stays unexplained.
        const preferred = viable.length === 1 ? viable : viable.filter((a) => namedInFull.has(a.entityId));
        if (viable.length === 0) {
          const needsEntity = c.aliases.some((a) => a.context === 'entity');
          reason =
            needsEntity && inDomain
              ? `short name, and the page never names ${c.aliases.map((a) => a.entityId).join(' or ')} in full`
              : 'the page is not about this knowledge base\u2019s subject';
        } else if (preferred.length === 1) {
          kept = preferred[0].entityId;
          reason = viable.length === 1 ? contextReason(preferred[0]) : 'the one named in full on this page';
        } else {
          // Two people named on the page share the surname: a title in front of it may say which one it is.
          const title = titleWordsBefore(blocks[c.block], c.start);
          const fitting = title.length ? preferred.filter((a) => title.every((w) => a.roleWords?.includes(w))) : [];
          if (fitting.length === 1) {
            kept = fitting[0].entityId;
            reason = `the title "${title.join(' ')}" fits ${kept}`;
          } else reason = `ambiguous between ${viable.map((a) => a.entityId).join(' and ')}`;
        }
      }
    }
    if (kept) mentions.push({ block: c.block, start: c.start, end: c.end, entityId: kept, surface });
    if (explain) {
      decisions.push({ block: c.block, start: c.start, end: c.end, surface, candidates: c.aliases.map((a) => a.entityId), kept, reason });
    }
  }
  return { mentions, decisions, inDomain, cues: [...cues].map((id) => id.slice('cue:'.length)) };
}
