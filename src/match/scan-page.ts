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

/**
 * Puts candidates in position order, in place. The matcher reports them by end, which is nearly that order already
 * (only names nested in longer ones, "Jammu" in "Jammu and Kashmir", are out of place, and by a step or two), so an
 * insertion sort does it in one pass, where a general sort would call its comparator many times per block.
 */
function sortByPosition(found: Candidate[]): void {
  for (let i = 1; i < found.length; i++) {
    const c = found[i];
    let j = i - 1;
    if (byPosition(found[j], c) <= 0) continue;
    while (j >= 0 && byPosition(found[j], c) > 0) {
      found[j + 1] = found[j];
      j--;
    }
    found[j + 1] = c;
  }
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
  sortByPosition(found);
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
  return judgePage(blocks, scanBlocks(matcher, blocks), options);
}

/** What a scan of the page before found, for the blocks a new scan of it still holds (see `scanBlocks`). */
export interface EarlierScans {
  /** For each block of the new scan, where the same text stood in the page before (-1: a text not seen then). */
  origins: ArrayLike<number>;
  /** The page before's block scans, by place. */
  scans: readonly BlockScan[];
}

/**
 * Every block's scan, reusing those of `earlier` for blocks whose text it held (renumbered to their new place), and
 * matching only the others. Blocks are independent (see `scanBlock`), so a live page that grows by a post is matched
 * by that post alone, not whole again; the page-level judgement (`judgePage`) still takes in every block.
 */
export function scanBlocks(matcher: Matcher, texts: readonly string[], earlier?: EarlierScans): BlockScan[] {
  const scans: BlockScan[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const from = earlier ? earlier.origins[i] : -1;
    scans[i] = from >= 0 && from < earlier!.scans.length ? movedTo(earlier!.scans[from], i) : scanBlock(matcher, texts[i], i);
  }
  return scans;
}

/** A block's scan for the same text at another place in the page: its candidates carry the new place. */
function movedTo(scan: BlockScan, block: number): BlockScan {
  if (scan.claimed.length === 0 || scan.claimed[0].block === block) return scan;
  return { claimed: scan.claimed.map(({ start, end, aliases }) => ({ block, start, end, aliases })), cues: scan.cues };
}

/**
 * The page-level judgement over every block's claimed candidates: which short names and acronyms the page gives
 * enough context for. `scans[i]` must be the scan of `blocks[i]`; candidates come out in block order.
 */
export function judgePage(blocks: readonly string[], scans: readonly BlockScan[], options: ScanOptions = {}): PageScan {
  // Entities named in full somewhere on the page, and the cue words it uses. Most candidates are names in full,
  // which need no more judgement: the passes below skip them.
  const cues = new Set<string>();
  const namedInFull = new Set<string>();
  for (const scan of scans) {
    for (const cue of scan.cues) cues.add(cue);
    for (const c of scan.claimed) if (isPlainName(c)) namedInFull.add(c.aliases[0].entityId);
  }
  const inDomain =
    namedInFull.size >= DOMAIN_MIN_ENTITIES || (namedInFull.size === 1 && cues.size >= DOMAIN_MIN_CUES_WITH_ONE_ENTITY);

  // Short names that the page also uses for someone or something else ("Tariq Dar" makes every "Dar" unsafe).
  const headingLike = new Map<number, boolean>();
  const namesakes = new Map<string, string>();
  const adjoining = new Map<Candidate, string>();
  for (const scan of scans) {
    for (const c of scan.claimed) {
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
  }

  const judgement: Judgement = { blocks, inDomain, namedInFull, namesakes, adjoining };
  const mentions: Mention[] = [];
  const decisions: Decision[] = [];
  const explain = options.explain === true;
  for (const scan of scans) {
    for (const c of scan.claimed) {
      const surface = blocks[c.block].slice(c.start, c.end);
      let kept: string | null;
      let reason: string;
      if (isPlainName(c)) {
        kept = c.aliases[0].entityId;
        reason = 'named in full';
      } else ({ kept, reason } = judgeShortName(c, surface, judgement));
      if (kept !== null) mentions.push({ block: c.block, start: c.start, end: c.end, entityId: kept, surface });
      if (explain) {
        decisions.push({ block: c.block, start: c.start, end: c.end, surface, candidates: c.aliases.map((a) => a.entityId), kept, reason });
      }
    }
  }
  return { mentions, decisions, inDomain, cues: [...cues].map((id) => id.slice('cue:'.length)) };
}

/** What the page as a whole says, for judging its short names and acronyms one by one. */
interface Judgement {
  blocks: readonly string[];
  inDomain: boolean;
  namedInFull: ReadonlySet<string>;
  namesakes: ReadonlyMap<string, string>;
  adjoining: ReadonlyMap<Candidate, string>;
}

/** A short name, a shared name or an acronym: which entity it is on this page, if the page says so, and why. */
function judgeShortName(c: Candidate, surface: string, page: Judgement): { kept: string | null; reason: string } {
  const glued = page.adjoining.get(c);
  if (glued) return { kept: null, reason: `part of another name: "${glued}"` };
  const namesake = page.namesakes.size ? page.namesakes.get(surface.toLowerCase()) : undefined;
  if (namesake) return { kept: null, reason: `the page also uses "${surface}" for "${namesake}"` };
  const viable = c.aliases.filter((a) =>
    a.context === 'entity' ? page.namedInFull.has(a.entityId) : a.context === 'domain' ? page.inDomain : true,
  );
  if (viable.length === 0) {
    const needsEntity = c.aliases.some((a) => a.context === 'entity');
    return {
      kept: null,
      reason:
        needsEntity && page.inDomain
          ? `short name, and the page never names ${c.aliases.map((a) => a.entityId).join(' or ')} in full`
          : 'the page is not about this knowledge base\u2019s subject',
    };
  }
  // Several entities share the name: one named in full on the page wins; otherwise it stays unexplained.
  const preferred = viable.length === 1 ? viable : viable.filter((a) => page.namedInFull.has(a.entityId));
  if (preferred.length === 1) {
    return { kept: preferred[0].entityId, reason: viable.length === 1 ? contextReason(preferred[0]) : 'the one named in full on this page' };
  }
  // Two people named on the page share the surname: a title in front of it may say which one it is.
  const title = titleWordsBefore(page.blocks[c.block], c.start);
  const fitting = title.length ? preferred.filter((a) => title.every((w) => a.roleWords?.includes(w))) : [];
  if (fitting.length === 1) return { kept: fitting[0].entityId, reason: `the title "${title.join(' ')}" fits ${fitting[0].entityId}` };
  return { kept: null, reason: `ambiguous between ${viable.map((a) => a.entityId).join(' and ')}` };
}
