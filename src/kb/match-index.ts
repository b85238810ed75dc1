/**
 * What finding mentions needs: every name form of every entity (for the matcher, which runs in the background), and
 * each entity's name and type (what a page receives, for its summary). Full card data is asked for when a card
 * opens, so pages do not carry the whole knowledge base.
 */
import type { EntityType } from './entity-types';
import type { KnowledgeBase } from './knowledge-base';
import { compileMatcher, type Matcher } from '../match/matcher';
import type { AliasSpec } from '../match/types';

export interface EntityHeader {
  id: string;
  name: string;
  type: EntityType;
}

/** The knowledge base ready to scan pages with: its entities and the matcher compiled from every alias. */
export interface CompiledIndex {
  /** Name and type of every entity, by id: what a scan's answer tells the page about the entities it mentions. */
  entities: ReadonlyMap<string, EntityHeader>;
  matcher: Matcher;
}

/**
 * Every name form of every entity, as the matcher takes them. The canonical name is a plain alias unless the
 * aliases restate it with a rule ("Kashmir" needs a page about the conflict).
 */
export function aliasSpecs(kb: KnowledgeBase): AliasSpec[] {
  const specs: AliasSpec[] = [];
  for (const entity of kb.entities.values()) {
    const forms = new Map<string, AliasSpec>();
    const roleWords = entity.offices?.length ? officeWords(entity.offices.map((o) => o.role)) : undefined;
    const add = (text: string, caseInsensitive = false, context: AliasSpec['context'] = null) =>
      forms.set(text, { entityId: entity.id, entityType: entity.type, text, caseInsensitive, context, ...(roleWords && context ? { roleWords } : {}) });
    add(entity.name);
    for (const alias of entity.aliases ?? []) {
      if (typeof alias === 'string') add(alias);
      else add(alias.text, alias.caseInsensitive ?? false, alias.context ?? null);
    }
    specs.push(...forms.values());
  }
  return specs;
}

/** Lower-case words of office titles, without the small words ("Minister of Defence" → minister, defence). */
function officeWords(roles: readonly string[]): string[] {
  const words = new Set<string>();
  for (const role of roles) {
    for (const word of role.toLowerCase().match(/\p{L}+/gu) ?? []) if (word.length > 2 && !SMALL_WORDS.has(word)) words.add(word);
  }
  return [...words];
}
const SMALL_WORDS = new Set(['the', 'and', 'for', 'of']);

/** The packs' cue words, as aliases the matcher finds alongside names (any letter case). */
export function cueSpecs(kb: KnowledgeBase): AliasSpec[] {
  const words = new Set(kb.packs.flatMap((p) => p.cueWords ?? []));
  return [...words].map((text) => ({ entityId: `cue:${text.toLowerCase()}`, entityType: 'cue', text, caseInsensitive: true, context: null, cue: true }));
}

export function compileIndex(kb: KnowledgeBase): CompiledIndex {
  return {
    entities: new Map([...kb.entities.values()].map(({ id, name, type }) => [id, { id, name, type }])),
    matcher: compileMatcher([...aliasSpecs(kb), ...cueSpecs(kb)]),
  };
}
