import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from '../../src/kb/knowledge-base';
import type { Entity } from '../../src/kb/schema';
import { backgroundTimeline } from '../../src/ui/popup/timeline';

const source = { id: 's', title: 't', url: 'https://example.org/', publisher: 'p', checked: '2026-11-26' };
function entity(id: string, type: Entity['type'], extra: Partial<Entity>): Entity {
  return { id, type, name: id, aliases: [], summary: `${id} summary. More.`, facts: [{ text: 'Undated fact.', sources: ['s'] }, { text: 'Another.', sources: ['s'] }], sources: [source], reviewed: '2026-11-26', ...extra };
}

const kb = buildKnowledgeBase([
  {
    manifest: {},
    entities: [
      entity('the-attack', 'event', { when: { start: '2025-04-22' }, relations: [{ type: 'related-to', target: 'old-treaty' }] }),
      entity('old-treaty', 'agreement', { when: { start: '1960-09-19' } }),
      entity('a-minister', 'person', {
        facts: [
          { text: 'Announced measures on 23 April.', sources: ['s'], date: '2025-04-23' },
          { text: 'Called a counterpart on 30 April.', sources: ['s'], date: '2025-04-30' },
          { text: 'Visited in 2019.', sources: ['s'], date: '2019-02-01' },
          { text: 'Spoke after the article.', sources: ['s'], date: '2025-05-07' },
        ],
      }),
      entity('a-ministry', 'organization', { facts: [{ text: 'Announced measures on 23 April.', sources: ['s'], date: '2025-04-23' }, { text: 'x', sources: ['s'] }] }),
    ],
  },
]);

describe('backgroundTimeline', () => {
  it('orders mentioned events, related agreements and the dated facts of the weeks before the article', () => {
    const items = backgroundTimeline(kb, [{ id: 'a-minister', count: 3 }, { id: 'the-attack', count: 1 }, { id: 'a-ministry', count: 1 }], '2025-05-01T08:30:00+05:30');
    expect(items.map((i) => `${i.date} ${i.kind} ${i.entity.id}`)).toEqual([
      '1960-09-19 related old-treaty',
      '2025-04-22 mentioned the-attack',
      '2025-04-23 fact a-minister',
      '2025-04-23 fact a-ministry',
      '2025-04-30 fact a-minister',
    ]);
  });

  it('keeps at most two facts a day, from the entities the page mentions most', () => {
    const busy = buildKnowledgeBase([
      {
        manifest: {},
        entities: ['a', 'b', 'c'].map((id) => entity(id, 'organization', { facts: [{ text: `${id} acted.`, sources: ['s'], date: '2025-04-23' }, { text: 'x', sources: ['s'] }] })),
      },
    ]);
    const items = backgroundTimeline(busy, [{ id: 'a', count: 1 }, { id: 'b', count: 5 }, { id: 'c', count: 2 }], '2025-05-01');
    expect(items.map((i) => i.entity.id)).toEqual(['b', 'c']);
  });

  it('keeps to events and agreements when the page has no date', () => {
    expect(backgroundTimeline(kb, [{ id: 'a-minister', count: 1 }, { id: 'the-attack', count: 1 }], null).map((i) => i.kind)).toEqual(['related', 'mentioned']);
  });
});

describe('what counts as background', () => {
  it('leaves out facts dated only to the article’s month and related events after the article', () => {
    const later = buildKnowledgeBase([
      {
        manifest: {},
        entities: [
          entity('a-person', 'person', { facts: [{ text: 'Spoke in May.', sources: ['s'], date: '2025-05' }, { text: 'Spoke in April.', sources: ['s'], date: '2025-04' }], relations: [{ type: 'related-to', target: 'later-event' }] }),
          entity('later-event', 'event', { when: { start: '2025-05-07' } }),
        ],
      },
    ]);
    expect(backgroundTimeline(later, [{ id: 'a-person', count: 1 }], '2025-05-01').map((i) => i.line)).toEqual(['Spoke in April.']);
  });
});
