/**
 * Site chrome: the parts of a news page that are not the article — navigation, headers and footers of the site,
 * sidebars, "trending", "most read" and "read more" boxes, ads, newsletter sign-ups, reader comments. They repeat
 * the day's names on every page, so annotating them would flood the reader with highlights that explain nothing
 * about what they are reading. Recognised by element, ARIA role, and the class and id names news sites use.
 */

const CHROME_TAGS = new Set(['NAV', 'ASIDE', 'AMP-SIDEBAR', 'DIALOG', 'FORM']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog']);

/**
 * A class or id naming a chrome box: one of these words, alone or with a site prefix or a box-like suffix
 * ("site-header", "trending-list", "most_read", "ad-slot", "c-comments", "related-stories").
 */
const CHROME_NAME = new RegExp(
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

function insideArticle(element: Element): boolean {
  return element.closest('article, [role="article"], main, [role="main"]') !== null;
}

/**
 * `hasAttributes` may be passed when the caller already knows it: most elements of an article (its paragraphs,
 * their links and emphasis) have no attributes at all, and then no role, class or id needs reading.
 */
export function isChrome(element: Element, hasAttributes = element.hasAttributes()): boolean {
  const tag = element.tagName.toUpperCase();
  if (tag === 'ARTICLE' || tag === 'MAIN' || tag === 'BODY' || tag === 'HTML') return false;
  if (CHROME_TAGS.has(tag)) return true;
  // A header or footer of the site, not the article's own header (headline, byline) or footer (tags, credits).
  if ((tag === 'HEADER' || tag === 'FOOTER') && !insideArticle(element.parentElement ?? element)) return true;
  if (!hasAttributes) return false;
  const role = element.getAttribute('role');
  if (role && CHROME_ROLES.has(role)) return true;
  const names = `${element.getAttribute('class') ?? ''} ${element.id}`.split(/\s+/);
  return names.some((name) => name !== '' && CHROME_NAME.test(name));
}
