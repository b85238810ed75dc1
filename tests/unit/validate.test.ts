import { describe, expect, it } from 'vitest';
import { validatePack, type PackProblem } from '../../src/kb/validate';

const manifest = {
  id: 'test-pack',
  title: 'Test pack',
  version: '1.0.0',
  language: 'en',
  description: 'A pack for tests.',
  reviewed: '2026-11-26',
};
const source = { id: 'src', title: 'A page', url: 'https://example.org/page', publisher: 'Example', checked: '2026-11-26' };

function entity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'some-place',
    type: 'place',
    name: 'Some Place',
    aliases: ['Someplace', { text: 'SP', context: 'domain' }],
    summary: 'A place used only by the validator tests, described in one sentence.',
    facts: [
      { text: 'First fact.', sources: ['src'] },
      { text: 'Second fact.', sources: ['src'] },
    ],
    sources: [source],
    location: 'Nowhere',
    reviewed: '2026-11-26',
    ...overrides,
  };
}

function problems(entities: unknown[], packManifest: unknown = manifest): PackProblem[] {
  const result = validatePack({ manifest: packManifest, entities });
  return result.ok ? [] : result.problems;
}

describe('validatePack', () => {
  it('accepts a well-formed pack and fills defaults', () => {
    const result = validatePack({ manifest, entities: [entity()] });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.pack.manifest.cueWords).toEqual([]);
  });

  it('names the entry and the field of each schema error', () => {
    expect(problems([entity(), entity({ id: 'other-place', summary: 'x'.repeat(281) })])).toEqual([
      { entry: 'other-place', field: 'summary', message: expect.stringMatching(/281|280|too big|at most/i) },
    ]);
    expect(problems([entity({ sources: [{ ...source, url: 'http://example.org/' }] })])).toEqual([
      { entry: 'some-place', field: 'sources.0.url', message: 'must be an https:// address' },
    ]);
    expect(problems([entity({ id: 'Bad Id' })])[0]).toMatchObject({ entry: 'Bad Id', field: 'id' });
    expect(problems([entity({ facts: [{ text: 'Only one.', sources: ['src'] }] })])[0]).toMatchObject({ entry: 'some-place', field: 'facts' });
    expect(problems([entity({ aliases: [{ text: 'X', context: 'sometimes' }] })])[0]).toMatchObject({ entry: 'some-place', field: expect.stringMatching(/^aliases\.0/) });
    expect(problems([entity({ unknownField: 1 })])[0]).toMatchObject({ entry: 'some-place', field: '(entry)' });
  });

  it('labels entries without a usable id by their position', () => {
    expect(problems([entity(), { type: 'place' }])[0]).toMatchObject({ entry: '#1' });
  });

  it('reports manifest errors as the manifest', () => {
    expect(problems([entity()], { ...manifest, version: 'one' })).toEqual([
      { entry: 'manifest', field: 'version', message: 'must be a semantic version such as 1.0.0' },
    ]);
  });

  it('rejects duplicate ids', () => {
    expect(problems([entity(), entity()])).toEqual([{ entry: 'some-place', field: 'id', message: expect.stringMatching(/duplicate/) }]);
  });

  it('rejects facts, offices and claims citing sources the entry does not list', () => {
    expect(problems([entity({ facts: [{ text: 'a', sources: ['src'] }, { text: 'b', sources: ['missing'] }] })])).toEqual([
      { entry: 'some-place', field: 'facts.1.sources.0', message: expect.stringContaining('"missing"') },
    ]);
  });

  it('rejects relations to entities that do not exist, unless another installed pack has them', () => {
    const related = entity({ relations: [{ type: 'part-of', target: 'elsewhere' }] });
    expect(problems([related])).toEqual([{ entry: 'some-place', field: 'relations.0.target', message: 'unknown entity id "elsewhere"' }]);
    expect(validatePack({ manifest, entities: [related] }, new Set(['elsewhere'])).ok).toBe(true);
  });

  it('rejects date ranges that end before they start, reading partial dates generously', () => {
    const person = (start: string, end: string) =>
      entity({ id: 'someone', type: 'person', location: undefined, offices: [{ role: 'Minister', start, end, sources: ['src'] }] });
    expect(problems([person('2025-05-01', '2024-12-31')])).toEqual([
      { entry: 'someone', field: 'offices.0.end', message: 'ends (2024-12-31) before it starts (2025-05-01)' },
    ]);
    expect(problems([person('2025-05', '2025')])).toEqual([]);
    expect(problems([entity({ id: 'an-event', type: 'event', location: undefined, when: { start: '2025-05-10', end: '2025-05-07' } })])[0]).toMatchObject({ field: 'when.end' });
  });

  it('requires what each type needs: offices for people, dates for events and agreements, a location for places', () => {
    expect(problems([entity({ id: 'someone', type: 'person', location: undefined })])).toEqual([
      { entry: 'someone', field: 'offices', message: 'a person needs at least one office with dates' },
    ]);
    expect(problems([entity({ id: 'a-treaty', type: 'agreement', location: undefined })])).toEqual([
      { entry: 'a-treaty', field: 'when', message: 'an agreement needs its date' },
    ]);
    expect(problems([entity({ location: undefined })])).toEqual([{ entry: 'some-place', field: 'location', message: 'a place needs a location' }]);
  });

  it('needs at least two positions for a contested fact', () => {
    const claims = [{ topic: 'Who did it', positions: [{ claimant: 'One side', claim: 'The other side did.', sources: ['src'] }] }];
    expect(problems([entity({ claims })])[0]).toMatchObject({ entry: 'some-place', field: 'claims.0.positions' });
  });

  it('rejects input that is not a pack at all, without throwing', () => {
    expect(validatePack(null).ok).toBe(false);
    expect(validatePack({ manifest }).ok).toBe(false);
    expect(validatePack('{"entities": []}').ok).toBe(false);
  });
});
