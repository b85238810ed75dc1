import { describe, expect, it } from 'vitest';
import { cardDataOf } from '../../src/kb/card-data';
import { bundledKnowledgeBase } from '../../src/kb/knowledge-base';

describe('cardDataOf', () => {
  const kb = bundledKnowledgeBase();

  it('gives the entity and the names of every entity its relations point to', () => {
    const withRelations = [...kb.entities.values()].filter((e) => (e.relations ?? []).length >= 2);
    expect(withRelations.length).toBeGreaterThan(10);
    for (const entity of withRelations) {
      const data = cardDataOf(kb, entity.id)!;
      expect(data.entity).toBe(entity);
      const targets = new Set(entity.relations!.map((r) => r.target));
      expect(new Set(Object.keys(data.relatedNames))).toEqual(targets);
      for (const target of targets) expect(data.relatedNames[target]).toBe(kb.entities.get(target)!.name);
    }
  });

  it('is null for an id the knowledge base does not hold', () => {
    expect(cardDataOf(kb, 'no-such-entity')).toBeNull();
  });
});
