/**
 * Where a document's text is read from. Normally its body (or its root element where there is none: an SVG image
 * opened on its own). Two kinds of document the browser shows through markup of its own:
 * - a plain-text document (a transcript or a statement published as `.txt`) is one `<pre>` in the body, and `<pre>`
 *   is otherwise left unread as code: there the `<pre>` itself is the root, whose own kind the reading never checks;
 * - an XML document without a style sheet (a site's RSS feed opened in a tab) is shown by Chrome's XML viewer as a
 *   tree it builds (`.pretty-print`), beside a hidden copy of the source kept for extensions
 *   (`#webkit-xml-viewer-source-xml`): only the tree the reader sees is read, or every name would count twice.
 */
export function readingRoot(doc: Document): Element {
  const body = doc.body;
  if (body && doc.contentType === 'text/plain') {
    const pre = body.querySelector(':scope > pre');
    if (pre) return pre;
  }
  if (body && doc.getElementById(XML_VIEWER_SOURCE_ID)?.parentElement === body) {
    const tree = body.querySelector(':scope > .pretty-print');
    if (tree) return tree;
  }
  return body ?? doc.documentElement;
}

/** The hidden element in which Chrome's XML viewer keeps the document's source. */
const XML_VIEWER_SOURCE_ID = 'webkit-xml-viewer-source-xml';
