import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entity } from '../../src/kb/schema';
import { EntityCard } from '../../src/ui/card/EntityCard';

const sources = [
  { id: 'a', title: 'Profile', url: 'https://example.org/a', publisher: 'Example Times', checked: '2026-11-26' },
  { id: 'b', title: 'News', url: 'https://example.org/b', publisher: 'Example Post', checked: '2026-11-26' },
];

const spokesperson: Entity = {
  id: 'jane-doe',
  type: 'person',
  name: 'Jane Doe',
  aliases: [],
  summary: 'A spokesperson who later became an ambassador.',
  facts: [
    { text: 'Spoke for the ministry in 2025.', sources: ['a'] },
    { text: 'Became an ambassador in 2026.', sources: ['b'] },
  ],
  sources,
  offices: [
    { role: 'Ambassador', start: '2026-01', sources: ['b'] },
    { role: 'Ministry spokesperson', start: '2025-01', end: '2025-12', sources: ['a'] },
  ],
  claims: [
    {
      topic: 'What she said',
      positions: [
        { claimant: 'Side A', claim: 'She said <b>yes</b>.', sources: ['a'] },
        { claimant: 'Side B', claim: 'She said no.', sources: ['b'] },
      ],
    },
  ],
  reviewed: '2026-11-26',
};

function show(entity: Entity, publishedAt: string | null, count = 2): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(<EntityCard entity={entity} count={count} publishedAt={publishedAt} />, root);
  return root;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('EntityCard', () => {
  it('gives a person’s role on the article’s date and what it is now', () => {
    const role = show(spokesperson, '2025-04-30T10:00:00Z').querySelector('.role')!.textContent!;
    expect(role).toContain('Ministry spokesperson');
    expect(role).toContain('at the time of this article, 30 April 2025');
    expect(role).toContain('now Ambassador');
  });

  it('gives only the current role when the page has no date', () => {
    expect(show(spokesperson, null).querySelector('.role')!.textContent).toBe('Ambassador');
  });

  it('shows name, type, summary, facts, count and source links', () => {
    const card = show(spokesperson, null, 1);
    expect(card.querySelector('.name')!.textContent).toBe('Jane Doe');
    expect(card.querySelector('.type')!.textContent).toBe('Person');
    expect(card.querySelectorAll('.facts li')).toHaveLength(2);
    expect(card.textContent).toContain('Mentioned once on this page');
    const links = [...card.querySelectorAll<HTMLAnchorElement>('.sources a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel')])).toEqual([
      ['Example Times', 'https://example.org/a', 'noopener noreferrer'],
      ['Example Post', 'https://example.org/b', 'noopener noreferrer'],
    ]);
  });

  it('says who claims what on a contested fact', () => {
    const claim = show(spokesperson, null).querySelector('.claim')!;
    expect(claim.querySelector('summary')!.textContent).toBe('Disputed: What she said');
    expect(claim.querySelectorAll('li')).toHaveLength(2);
  });

  it('renders knowledge text as text, never as markup', () => {
    const card = show(spokesperson, null);
    expect(card.querySelector('.claim b')).toBeNull();
    expect(card.querySelector('.claim')!.textContent).toContain('She said <b>yes</b>.');
  });
});
