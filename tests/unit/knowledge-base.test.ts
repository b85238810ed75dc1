import { describe, expect, it } from 'vitest';
import { aliasSpecs, buildKnowledgeBase } from '../../src/kb/knowledge-base';
import { bundledPacks } from '../../src/kb/packs';
import { formatProblems, validatePack } from '../../src/kb/validate';
import { compileMatcher } from '../../src/match/matcher';

describe('bundled packs', () => {
  it('are there', () => {
    expect(bundledPacks.map((p) => p.folder)).toContain('india-pakistan-2025');
  });

  for (const pack of bundledPacks) {
    it(`${pack.folder} passes the validator`, () => {
      const result = validatePack({ manifest: pack.manifest, entities: pack.entities });
      expect(result.ok ? '' : formatProblems(result.problems)).toBe('');
    });
  }

  it('compile into one matcher', () => {
    const kb = buildKnowledgeBase(bundledPacks);
    const matcher = compileMatcher(aliasSpecs(kb));
    expect(matcher.aliasCount).toBeGreaterThan(kb.entities.size);
  });
});

describe('the first pack', () => {
  const kb = buildKnowledgeBase(bundledPacks);
  it.each([
    'pahalgam', '2025-pahalgam-attack', 'line-of-control', 'jammu-and-kashmir-union-territory', 'marco-rubio',
    's-jaishankar', 'shehbaz-sharif', 'tammy-bruce', 'narendra-modi', 'indus-waters-treaty',
    'integrated-check-post-attari', 'united-states-department-of-state', 'ministry-of-external-affairs-india',
  ])('explains %s', (id) => {
    expect(kb.entities.get(id)?.summary.length).toBeGreaterThan(20);
  });

  it('gives no two entities the same plain alias', () => {
    const owners = new Map<string, Set<string>>();
    for (const spec of aliasSpecs(kb)) {
      if (spec.context !== null) continue;
      const key = spec.text.toLowerCase();
      owners.set(key, (owners.get(key) ?? new Set()).add(spec.entityId));
    }
    const clashes = [...owners].filter(([, ids]) => ids.size > 1).map(([alias, ids]) => `${alias}: ${[...ids].join(', ')}`);
    expect(clashes).toEqual([]);
  });
});
