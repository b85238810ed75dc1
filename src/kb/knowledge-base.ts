/**
 * The knowledge base as the extension reads it: the bundled packs, trusted because the unit tests validate every
 * one of them (so the content script does not carry the validator), flattened into one entity table.
 */
import { bundledPacks } from './packs';
import type { Entity, PackManifest } from './schema';

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

/** The bundled packs and the reader's imported ones (validated when imported): what the reader's Backstory knows. */
export function knowledgeBaseWith(userPacks: ReadonlyArray<{ manifest: unknown; entities: unknown[] }>): KnowledgeBase {
  return buildKnowledgeBase([...bundledPacks, ...userPacks]);
}

let bundled: KnowledgeBase | undefined;
export function bundledKnowledgeBase(): KnowledgeBase {
  return (bundled ??= buildKnowledgeBase(bundledPacks));
}
