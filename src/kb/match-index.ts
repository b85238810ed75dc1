/**
 * What a page needs to find mentions: every name form of every entity, and each entity's name and type for the
 * page summary. The content script receives only this from the background; full card data is asked for when a
 * card opens, so pages do not carry the whole knowledge base.
 */
import type { EntityType } from './entity-types';
import type { KnowledgeBase } from './knowledge-base';
import type { AliasSpec } from '../match/types';

export interface EntityHeader {
  id: string;
  name: string;
  type: EntityType;
}

export interface MatchIndex {
  entities: EntityHeader[];
  aliases: AliasSpec[];
}

/**
 * Every name form of every entity, as the matcher takes them. The canonical name is a plain alias unless the
 * aliases restate it with a rule ("Kashmir" needs a page about the conflict).
 */
export function aliasSpecs(kb: KnowledgeBase): AliasSpec[] {
  const specs: AliasSpec[] = [];
  for (const entity of kb.entities.values()) {
    const forms = new Map<string, AliasSpec>();
    const add = (text: string, caseInsensitive = false, context: AliasSpec['context'] = null) =>
      forms.set(text, { entityId: entity.id, entityType: entity.type, text, caseInsensitive, context });
    add(entity.name);
    for (const alias of entity.aliases ?? []) {
      if (typeof alias === 'string') add(alias);
      else add(alias.text, alias.caseInsensitive ?? false, alias.context ?? null);
    }
    specs.push(...forms.values());
  }
  return specs;
}

export function buildMatchIndex(kb: KnowledgeBase): MatchIndex {
  return {
    entities: [...kb.entities.values()].map(({ id, name, type }) => ({ id, name, type })),
    aliases: aliasSpecs(kb),
  };
}
