/**
 * Site chrome: the parts of a news page that are not the article — navigation, headers and footers of the site,
 * sidebars, "trending", "most read" and "read more" boxes, ads, newsletter sign-ups, reader comments. They repeat
 * the day's names on every page, so annotating them would flood the reader with highlights that explain nothing
 * about what they are reading. Recognised by element, ARIA role, and the class and id names news sites use.
 */

const CHROME_TAGS = new Set(['NAV', 'ASIDE', 'AMP-SIDEBAR', 'DIALOG', 'FORM']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog']);

/**
 * Words naming a chrome box in a class or id ("site-header", "trending", "most-read", "ad"). A name is chrome when it
 * ends with one of them, whole or after a `-` or `_` (a site prefix: "c-comments"), optionally followed by a plural
 * `s` or by `-`/`_` and one of `BOX_SUFFIXES` ("trending-list", "ad-slot", "related-stories").
 *
 * Looked up in sets rather than matched with one regular expression: compiling that pattern (sixty alternatives, any
 * letter case) cost about half a millisecond in every page's first scan, more than the rest of the site-chrome test.
 */
const CHROME_WORDS = new Set(
  [
    'site-?header', 'site-?footer', 'global-?header', 'global-?footer', 'page-?footer', 'masthead', 'main-?nav',
    'nav', 'navbar', 'navigation', 'menu', 'breadcrumb', 'breadcrumbs', 'trending', 'most-?read', 'most-?popular',
    'most-?viewed', 'popular', 'sidebar', 'side-?bar', 'related', 'read-?more', 'more-?stories',
    'recommended', 'recirc', 'promo', 'promos', 'ad', 'ads', 'ad-?slot', 'adslot', 'advert', 'advertisement',
    'sponsored', 'newsletter', 'subscribe', 'comment', 'comments', 'comment-?section', 'share', 'sharing', 'social',
    'cookie-?banner', 'footer', 'ftr', 'hdr-?bar', 'amp-?nav', 'amp-?header', 'amp-?footer', 'outbrain', 'taboola',
  ].flatMap((word) => (word.includes('-?') ? [word.replace('-?', '-'), word.replace('-?', '')] : [word])),
);

const BOX_SUFFIXES = new Set([
  'box', 'list', 'bar', 'links', 'section', 'widget', 'block', 'wrapper', 'container', 'module', 'panel', 'area', 'slot',
  'unit', 'rail', 'strip', 'item', 'items', 'stories', 'content', 'articles', 'posts', 'tools', 'buttons',
]);

function isSeparator(code: number): boolean {
  return code === 0x2d /* - */ || code === 0x5f /* _ */;
}

function isAsciiUpperCase(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

/**
 * Lower-cases ASCII letters only: other letters never equal the ASCII words above in any case. A loop, as is the
 * splitting of class names below: a regular expression is compiled the first time it runs, on every page.
 */
function asciiLowerCase(text: string): string {
  let i = 0;
  while (i < text.length && !isAsciiUpperCase(text.charCodeAt(i))) i++;
  if (i === text.length) return text;
  let lower = text.slice(0, i);
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    lower += isAsciiUpperCase(code) ? String.fromCharCode(code | 0x20) : text[i];
  }
  return lower;
}

/** HTML's ASCII whitespace, which separates the names in a class attribute. */
function isAsciiWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

/** Whether any whitespace-separated name in `names` passes `test`. */
function someName(names: string, test: (name: string) => boolean): boolean {
  for (let start = 0; start < names.length; ) {
    while (start < names.length && isAsciiWhitespace(names.charCodeAt(start))) start++;
    let end = start;
    while (end < names.length && !isAsciiWhitespace(names.charCodeAt(end))) end++;
    if (end > start && test(names.slice(start, end))) return true;
    start = end;
  }
  return false;
}

/** Whether `body` ends with a chrome word that starts it or follows a separator. */
function endsWithChromeWord(body: string): boolean {
  if (CHROME_WORDS.has(body)) return true;
  for (let i = 0; i < body.length - 1; i++) {
    if (isSeparator(body.charCodeAt(i)) && CHROME_WORDS.has(body.slice(i + 1))) return true;
  }
  return false;
}

/** Whether one class name or id names a chrome box (see `CHROME_WORDS`). */
export function isChromeName(name: string): boolean {
  if (!name) return false;
  const lower = asciiLowerCase(name);
  if (endsWithChromeWord(lower)) return true;
  if (lower.endsWith('s') && endsWithChromeWord(lower.slice(0, -1))) return true;
  // A box suffix holds no separator, so it can only follow the last one.
  let last = lower.length - 1;
  while (last >= 0 && !isSeparator(lower.charCodeAt(last))) last--;
  return last > 0 && BOX_SUFFIXES.has(lower.slice(last + 1)) && endsWithChromeWord(lower.slice(0, last));
}

function insideArticle(element: Element): boolean {
  return element.closest('article, [role="article"], main, [role="main"]') !== null;
}

/** What an element's tag alone says about site chrome (`chromeTagKind`). */
export const TAG_MAY_BE_CHROME = 0;
export const TAG_IS_CHROME = 1;
export const TAG_IS_NEVER_CHROME = 2;
export const TAG_IS_HEADER_OR_FOOTER = 3;

/** For an upper-case tag name: the text collection works it out once per tag name and passes it on. */
export function chromeTagKind(tag: string): number {
  if (tag === 'ARTICLE' || tag === 'MAIN' || tag === 'BODY' || tag === 'HTML') return TAG_IS_NEVER_CHROME;
  if (CHROME_TAGS.has(tag)) return TAG_IS_CHROME;
  return tag === 'HEADER' || tag === 'FOOTER' ? TAG_IS_HEADER_OR_FOOTER : TAG_MAY_BE_CHROME;
}

/**
 * `hasAttributes` and `tagKind` may be passed when the caller already knows them: most elements of an article (its
 * paragraphs, their links and emphasis) have no attributes at all, and then no role, class or id needs reading.
 */
export function isChrome(element: Element, hasAttributes = element.hasAttributes(), tagKind = chromeTagKind(element.tagName.toUpperCase())): boolean {
  if (tagKind === TAG_IS_NEVER_CHROME) return false;
  if (tagKind === TAG_IS_CHROME) return true;
  // A header or footer of the site, not the article's own header (headline, byline) or footer (tags, credits).
  if (tagKind === TAG_IS_HEADER_OR_FOOTER && !insideArticle(element.parentElement ?? element)) return true;
  if (!hasAttributes) return false;
  const role = element.getAttribute('role');
  if (role && CHROME_ROLES.has(role)) return true;
  return someName(element.getAttribute('class') ?? '', isChromeName) || someName(element.id, isChromeName);
}
