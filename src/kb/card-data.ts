/**
 * What a card needs from the background when it opens: the entity, and the names of the entities its relations point
 * to (shown as links in the card). The page knows the names of the entities it mentions, from its scans, and no
 * others: it never loads the knowledge base's whole list.
 */
import type { KnowledgeBase } from './knowledge-base';
import type { Entity } from './schema';

export interface CardData {
  entity: Entity;
  relatedNames: Record<string, string>;
}

export function cardDataOf(kb: KnowledgeBase, id: string): CardData | null {
  const entity = kb.entities.get(id);
  if (!entity) return null;
  const relatedNames: Record<string, string> = {};
  for (const relation of entity.relations ?? []) {
    const target = kb.entities.get(relation.target);
    if (target) relatedNames[relation.target] = target.name;
  }
  return { entity, relatedNames };
}
