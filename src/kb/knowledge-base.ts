/**
 * The knowledge base as the extension reads it: the bundled packs, trusted because the unit tests validate every
 * one of them (so the content script does not carry the validator), flattened into one entity table.
 */
import { bundledPacks } from './packs';
import type { EntityType } from './entity-types';
import type { Entity, PackManifest } from './schema';
import type { AliasSpec } from '../match/types';

export interface KnowledgeBase {
  packs: PackManifest[];
  entities: ReadonlyMap<string, Entity>;
}

export function buildKnowledgeBase(packs: ReadonlyArray<{ manifest: unknown; entities: unknown[] }>): KnowledgeBase {
  const entities = new Map<string, Entity>();
  for (const pack of packs) {
    for (const entity of pack.entities as Entity[]) entities.set(entity.id, entity);
  }
  return { packs: packs.map((p) => p.manifest as PackManifest), entities };
}

let bundled: KnowledgeBase | undefined;
export function bundledKnowledgeBase(): KnowledgeBase {
  return (bundled ??= buildKnowledgeBase(bundledPacks));
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

export const TYPE_LABELS: Record<EntityType, { one: string; many: string }> = {
  person: { one: 'Person', many: 'People' },
  place: { one: 'Place', many: 'Places' },
  organization: { one: 'Organisation', many: 'Organisations' },
  event: { one: 'Event', many: 'Events' },
  agreement: { one: 'Agreement', many: 'Agreements' },
  concept: { one: 'Concept', many: 'Concepts' },
};
