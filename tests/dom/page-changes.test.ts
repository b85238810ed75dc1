/**
 * Which regions a page's changes send back to be read (`src/page/page-changes.ts`), from real mutation records; the
 * e2e live-page tests run the same rules in Chromium.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PageChanges } from '../../src/page/page-changes';

/** The records a change to the document makes, as the controller's observer receives them. */
function recordsOf(change: () => void): MutationRecord[] {
  const observer = new MutationObserver(() => undefined);
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributeFilter: ['hidden', 'aria-hidden', 'contenteditable'] });
  change();
  const records = observer.takeRecords();
  observer.disconnect();
  return records;
}

function article(): HTMLElement {
  document.body.innerHTML = `<main><article>
    <p>Marco Rubio spoke to both sides.</p>
    <p>S. Jaishankar replied on Thursday.</p>
  </article></main>`;
  return document.querySelector('article')!;
}

afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.querySelectorAll('backstory-ui').forEach((host) => host.remove());
});

describe('PageChanges', () => {
  it('sends back a new post alone, not the article it joins', () => {
    const story = article();
    const changes = new PageChanges(document);
    const post = Object.assign(document.createElement('p'), { textContent: 'Shehbaz Sharif said talks would go on.' });
    expect(changes.note(recordsOf(() => story.append(post, '\n  ')))).toBe(true);
    expect(changes.take()).toEqual([post]);
    expect(changes.size).toBe(0);
  });

  it('sends back the paragraph whose words changed, as its text or as its container', () => {
    const story = article();
    const changes = new PageChanges(document);
    const first = story.querySelector('p')!;
    changes.note(recordsOf(() => (first.firstChild as Text).replaceData(0, 11, 'The minister')));
    expect(changes.take()).toEqual([first.firstChild]);
    // A word wrapped in a link: the paragraph's inline content changed, so the paragraph is the region.
    changes.note(recordsOf(() => first.append(Object.assign(document.createElement('a'), { textContent: ' (video)' }))));
    expect(changes.take()).toEqual([first]);
  });

  it('sends back what a script adds to the body on its own, and no white space', () => {
    article();
    const changes = new PageChanges(document);
    const toast = Object.assign(document.createElement('div'), { textContent: 'Breaking: Vikram Misri to brief at 6 pm' });
    changes.note(recordsOf(() => document.body.append('\n', toast)));
    expect(changes.take()).toEqual([toast]);
  });

  it('ignores its own host and a dialog hiding the page from screen readers', () => {
    article();
    const changes = new PageChanges(document);
    const host = document.createElement('backstory-ui');
    expect(changes.note(recordsOf(() => document.documentElement.append(host)))).toBe(false);
    expect(changes.note(recordsOf(() => document.querySelector('main')!.setAttribute('aria-hidden', 'true')))).toBe(false);
    expect(changes.size).toBe(0);
    // aria-hidden deeper in the page hides text from reading: that is a change to read.
    const first = document.querySelector('article p')!;
    expect(changes.note(recordsOf(() => first.setAttribute('aria-hidden', 'true')))).toBe(true);
    expect(changes.take()).toEqual([first]);
  });

  it('says once that frames were taken out, when one goes inside what goes', () => {
    const story = article();
    // An embed (happy-dom loads no iframe; the rule is the same for iframe, frame, object and embed).
    story.insertAdjacentHTML('beforeend', '<figure><embed type="text/html" title="Embedded post"></figure>');
    const changes = new PageChanges(document);
    changes.note(recordsOf(() => story.querySelector('p')!.remove()));
    expect(changes.framesRemoved).toBe(false);
    changes.note(recordsOf(() => story.querySelector('figure')!.remove()));
    expect(changes.framesRemoved).toBe(true);
    expect(changes.takeFramesRemoved()).toBe(true);
    expect(changes.takeFramesRemoved()).toBe(false);
  });
});
