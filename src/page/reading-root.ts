/**
 * Where a document's text is read from. Normally its body (or its root element where there is none: an SVG image
 * opened on its own). A plain-text document (a transcript or a statement published as `.txt`) is shown by the
 * browser as one `<pre>` in the body, and `<pre>` is otherwise left unread as code: there the `<pre>` itself is the
 * root, whose own kind the reading never checks.
 */
export function readingRoot(doc: Document): Element {
  const body = doc.body;
  if (body && doc.contentType === 'text/plain') {
    const pre = body.querySelector(':scope > pre');
    if (pre) return pre;
  }
  return body ?? doc.documentElement;
}
