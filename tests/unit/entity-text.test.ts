import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/kb/schema';
import { firstSentence, officesOn, oneLine } from '../../src/ui/entity-text';

const source = { id: 's', title: 't', url: 'https://example.org/', publisher: 'p', checked: '2026-11-26' };
function person(offices: Entity['offices']): Entity {
  return {
    id: 'someone', type: 'person', name: 'Someone', aliases: [], summary: 'A person in the news. Second sentence.',
    facts: [{ text: 'a', sources: ['s'] }, { text: 'b', sources: ['s'] }], sources: [source], offices, reviewed: '2026-11-26',
  };
}

describe('firstSentence', () => {
  it('stops at the first full stop that ends a sentence', () => {
    expect(firstSentence('One thing. Another.')).toBe('One thing.');
  });
  it('does not stop at initials or abbreviations', () => {
    expect(firstSentence('Headed by External Affairs Minister S. Jaishankar since 2019. More.')).toBe(
      'Headed by External Affairs Minister S. Jaishankar since 2019.',
    );
    expect(firstSentence('Led by Gen. Asim Munir and the U.S. Army. More.')).toBe('Led by Gen. Asim Munir and the U.S. Army.');
  });
  it('returns the whole text when it is one sentence', () => {
    expect(firstSentence('No ending here')).toBe('No ending here');
  });
});

describe('officesOn', () => {
  const spokesperson = person([
    { role: 'Deputy representative to the UN', start: '2026-01', sources: ['s'] },
    { role: 'State Department spokesperson', start: '2025-01', end: '2025', sources: ['s'] },
  ]);
  it('finds the office held on the article’s date, with partial dates read generously', () => {
    expect(officesOn(spokesperson, '2025-04-30').map((o) => o.role)).toEqual(['State Department spokesperson']);
    expect(officesOn(spokesperson, '2025-12-31T10:00:00Z').map((o) => o.role)).toEqual(['State Department spokesperson']);
    expect(officesOn(spokesperson, '2026-03-01').map((o) => o.role)).toEqual(['Deputy representative to the UN']);
    expect(officesOn(spokesperson, '2024-06-01')).toEqual([]);
  });
  it('gives a person’s role as their one line, and others their first sentence', () => {
    expect(oneLine(spokesperson, '2025-05-01')).toBe('State Department spokesperson');
    expect(oneLine(person([]), '2025-05-01')).toBe('A person in the news.');
  });
});
