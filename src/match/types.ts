/** The engine's vocabulary. Pure data: nothing here knows about the DOM or the extension. */

/** When an alias alone is too ambiguous to annotate (see the knowledge-base schema). */
export type AliasContext = 'entity' | 'domain' | null;

/** One name form of one entity, as the matcher needs it. */
export interface AliasSpec {
  entityId: string;
  /** Entity type: person surnames get the namesake checks. */
  entityType: string;
  text: string;
  caseInsensitive: boolean;
  context: AliasContext;
  /**
   * People: the lower-case words of the offices they held ("wing", "commander"), so that a title in front of a
   * shared surname ("Wing Commander Singh") can say which person it is.
   */
  roleWords?: readonly string[];
  /** Not a name but a cue word: evidence that a page is about the knowledge base's subject. */
  cue?: boolean;
  /** The alias's canonical text (case kept) and folded key: worked out by the matcher when it compiles. */
  canonical?: string;
  key?: string;
}

/** A place in the page's text where an alias matched, before context is judged. */
export interface Candidate {
  /** Index of the text block (paragraph, heading, list item…) in the page. */
  block: number;
  /** Offsets in the block's original text. */
  start: number;
  end: number;
  /** The aliases matching exactly this span: one per entity that uses the same name. */
  aliases: readonly AliasSpec[];
}

/** A candidate the engine kept: one highlighted occurrence of one entity. */
export interface Mention {
  block: number;
  start: number;
  end: number;
  entityId: string;
  /** The page's own text for the span (what a reader sees). */
  surface: string;
}

/** Why a candidate was kept or dropped; `npm run scan -- --explain` prints these. */
export interface Decision {
  block: number;
  start: number;
  end: number;
  surface: string;
  candidates: string[];
  kept: string | null;
  reason: string;
}

export interface PageScan {
  mentions: Mention[];
  decisions: Decision[];
  /** Whether the page is about the knowledge base's domain (context for acronyms and short names). */
  inDomain: boolean;
  /** The pack cue words found on the page. */
  cues: string[];
}
