/**
 * The class and id names that mark site chrome are looked up in word sets (`isChromeName`) instead of matched with
 * one regular expression, whose compilation cost every page's first scan half a millisecond. The expression stays
 * here as the specification: on any name, the lookup must agree with it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isChromeName } from '../../src/page/chrome';

const SPECIFICATION = new RegExp(
  '(^|[-_])(' +
    [
      'site-?header', 'site-?footer', 'global-?header', 'global-?footer', 'page-?footer', 'masthead', 'main-?nav',
      'nav', 'navbar', 'navigation', 'menu', 'breadcrumbs?', 'trending', 'most-?read', 'most-?popular',
      'most-?viewed', 'popular', 'sidebar', 'side-?bar', 'related', 'read-?more', 'more-?stories',
      'recommended', 'recirc', 'promo', 'promos', 'ad', 'ads', 'ad-?slot', 'adslot', 'advert', 'advertisement',
      'sponsored', 'newsletter', 'subscribe', 'comments?', 'comment-?section', 'share', 'sharing', 'social',
      'cookie-?banner', 'footer', 'ftr', 'hdr-?bar', 'amp-?nav', 'amp-?header', 'amp-?footer', 'outbrain', 'taboola',
    ].join('|') +
    ')(s|[-_](box|list|bar|links|section|widget|block|wrapper|container|module|panel|area|slot|unit|rail|strip|items?|stories|content|articles|posts|tools|buttons))?$',
  'i',
);

/** Pieces that build names near the boundary: chrome words, suffixes, separators, letters, odd characters. */
const PIECES = [
  'site', 'header', 'footer', 'nav', 'navbar', 'menu', 'breadcrumb', 'most', 'read', 'popular', 'side', 'bar', 'ad',
  'ads', 'slot', 'advert', 'comment', 'section', 'cookie', 'banner', 'amp', 'hdr', 'outbrain', 'box', 'list', 'item',
  'items', 'stories', 'more', 'content', 'trending', 'related', 'share', 'social', 'promo', 'main', 'article', 'body',
  'NAV', 'Ad', 'Trending', 'ITEMS', '-', '_', '--', 's', 'S', 'x', 'q', '1', ' ', '\u212A', 'İ', 'é', ':',
];

describe('isChromeName', () => {
  it('agrees with the regular expression it replaces, on names built near its boundaries', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }), (pieces) => {
        const name = pieces.join('');
        expect(isChromeName(name)).toBe(name !== '' && SPECIFICATION.test(name));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with it on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 24 }), (name) => {
        expect(isChromeName(name)).toBe(name !== '' && SPECIFICATION.test(name));
      }),
      { numRuns: 5_000 },
    );
  });

  it('knows the names news sites give their boxes', () => {
    for (const name of ['site-header', 'siteheader', 'c-comments', 'most-read', 'mostread', 'ad-slot', 'trending-list', 'related-stories', 'Sidebar', 'ads']) {
      expect(isChromeName(name), name).toBe(true);
    }
    for (const name of ['article-body', 'headline', 'byline', 'lead', 'download', 'navigate', 'story-content', 'shared']) {
      expect(isChromeName(name), name).toBe(false);
    }
  });
});
