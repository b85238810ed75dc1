import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../src/kb/knowledge-base';
import { aliasSpecs } from '../../src/kb/match-index';
import { bundledPacks } from '../../src/kb/packs';
import { formatProblems, validatePack } from '../../src/kb/validate';
import { compileMatcher } from '../../src/match/matcher';
import { normalizeAlias } from '../../src/match/normalize';
import type { AliasSpec } from '../../src/match/types';

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

  it('never lets two entities share a name form unless every one of them marks it as needing context', () => {
    const owners = new Map<string, AliasSpec[]>();
    for (const spec of aliasSpecs(kb)) {
      const key = normalizeAlias(spec.text).toLowerCase();
      owners.set(key, [...(owners.get(key) ?? []), spec]);
    }
    const clashes = [...owners]
      .filter(([, specs]) => new Set(specs.map((s) => s.entityId)).size > 1 && specs.some((s) => s.context === null))
      .map(([alias, specs]) => `${alias}: ${specs.map((s) => `${s.entityId}${s.context ? ` (${s.context})` : ''}`).join(', ')}`);
    expect(clashes).toEqual([]);
  });

  it('marks short all-capital acronyms that mean other things elsewhere as needing context', () => {
    // Acronyms of three letters or fewer are reused across fields (LoC: lines of code, letter of credit…).
    const bare = aliasSpecs(kb)
      .filter((s) => /^[A-Z]{2,3}$/.test(s.text) && s.context === null)
      .map((s) => `${s.text} (${s.entityId})`);
    expect(bare).toEqual([]);
  });
});
