import { describe, expect, it } from 'vitest';
import type { PageSummary } from '../../src/messaging/messages';
import { mergeSummaries } from '../../src/ui/popup/merge-summaries';

const top: PageSummary = {
  url: 'https://news.example/live',
  title: 'Live: talks resume',
  publishedAt: '2025-05-10',
  status: 'ready',
  mentions: [{ id: 'marco-rubio', name: 'Marco Rubio', type: 'person', count: 2, surfaces: ['Marco Rubio', 'Rubio'] }],
};

const frame = (mentions: PageSummary['mentions'], status: PageSummary['status'] = 'ready'): PageSummary => ({
  url: 'about:srcdoc',
  title: '',
  publishedAt: null,
  status,
  mentions,
});

describe('mergeSummaries', () => {
  it('adds the frames’ mentions after the top frame’s, counting an entity named in both once, with every surface', () => {
    const merged = mergeSummaries(top, [
      frame([
        { id: 'shehbaz-sharif', name: 'Shehbaz Sharif', type: 'person', count: 1, surfaces: ['Shehbaz Sharif'] },
        { id: 'marco-rubio', name: 'Marco Rubio', type: 'person', count: 1, surfaces: ['Secretary Rubio', 'Rubio'] },
      ]),
    ]);
    expect(merged).toEqual({
      ...top,
      mentions: [
        { id: 'marco-rubio', name: 'Marco Rubio', type: 'person', count: 3, surfaces: ['Marco Rubio', 'Rubio', 'Secretary Rubio'] },
        { id: 'shehbaz-sharif', name: 'Shehbaz Sharif', type: 'person', count: 1, surfaces: ['Shehbaz Sharif'] },
      ],
    });
    // The top frame's summary is not changed.
    expect(top.mentions[0].count).toBe(2);
  });

  it('is still reading while a frame is, and is off as the top frame says', () => {
    expect(mergeSummaries(top, [frame([], 'scanning')]).status).toBe('scanning');
    const off = { ...top, status: 'disabled' as const, mentions: [] };
    expect(mergeSummaries(off, [frame(top.mentions)])).toEqual(off);
  });
});
