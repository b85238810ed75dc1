/**
 * The address that names what a page shows, to tell a single-page app's navigation (a new address, with a change to
 * the page) from a page that only moves its fragment. Live blogs and long reads keep the section in view in the
 * fragment (`#update-3`) as the reader scrolls; that names a place in the same article, not another one. Hash routing
 * (`#/news/123`, `#!/news/123`) is the exception: there the fragment names the view.
 */
export function articleAddress(href: string): string {
  const hash = href.indexOf('#');
  if (hash < 0) return href;
  const fragment = href.slice(hash + 1);
  return fragment.startsWith('/') || fragment.startsWith('!') ? href : href.slice(0, hash);
}
