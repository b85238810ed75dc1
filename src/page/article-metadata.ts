/**
 * When the article was published, from the page's own metadata, in the order news sites are most reliable about
 * it: the Open Graph article tag, JSON-LD `datePublished`, other common meta tags, then the first `<time>`.
 */
const META_SELECTORS = [
  'meta[property="article:published_time"]',
  'meta[name="article:published_time"]',
  'meta[itemprop="datePublished"]',
  'meta[name="pubdate"]',
  'meta[name="publishdate"]',
  'meta[name="date"]',
  'meta[name="dc.date"]',
  'meta[name="DC.date.issued"]',
];

function isDate(value: string | null | undefined): value is string {
  return !!value && !Number.isNaN(Date.parse(value));
}

function findDatePublished(node: unknown, depth = 0): string | null {
  if (!node || typeof node !== 'object' || depth > 6) return null;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findDatePublished(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.datePublished === 'string' && isDate(record.datePublished)) return record.datePublished;
  return findDatePublished(record['@graph'], depth + 1);
}

export function readPublishedAt(doc: Document): string | null {
  for (const selector of META_SELECTORS) {
    const content = doc.querySelector(selector)?.getAttribute('content');
    if (isDate(content)) return content.trim();
  }
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const found = findDatePublished(JSON.parse(script.textContent ?? ''));
      if (found) return found;
    } catch {
      // A page's broken JSON-LD is the page's business; other sources may still give the date.
    }
  }
  const time = doc.querySelector('article time[datetime], time[datetime]')?.getAttribute('datetime');
  return isDate(time) ? time.trim() : null;
}
