import { beforeEach, describe, expect, it } from 'vitest';
import { HARD_BREAK } from '../../src/match/normalize';
import { blockRange, changesWholeBlocks, collectTextBlocks, isReadable } from '../../src/page/text-blocks';

function load(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

function texts(html: string): string[] {
  return collectTextBlocks(load(html)).map((b) => b.text.replace(/\s+/g, ' ').trim());
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('collectTextBlocks', () => {
  it('joins text across inline elements into one block', () => {
    expect(texts('<p>Prime Minister Shehbaz <b>Sharif</b> met <a href="#">Asim <span>Munir</span></a>.</p>')).toEqual([
      'Prime Minister Shehbaz Sharif met Asim Munir.',
    ]);
  });

  it('splits blocks at block elements, never joining two paragraphs', () => {
    expect(texts('<h1>Jammu and</h1><p>Kashmir</p><ul><li>one</li><li>two</li></ul>')).toEqual(['Jammu and', 'Kashmir', 'one', 'two']);
  });

  it('splits a text run interrupted by a block element inside it', () => {
    expect(texts('<div>before<div>inner</div>after</div>')).toEqual(['before', 'inner', 'after']);
  });

  it('turns <br> into a hard break inside the block', () => {
    const [block] = collectTextBlocks(load('<p>Jammu and<br>Kashmir</p>'));
    expect(block.text).toBe(`Jammu and${HARD_BREAK}Kashmir`);
  });

  it('sets superscripts and subscripts apart, so that a footnote mark does not join the word before it', () => {
    const [block] = collectTextBlocks(load('<p>Shehbaz Sharif<sup>1</sup> met H<sub>2</sub>O <sup><a href="#n">[2]</a></sup>experts.</p>'));
    expect(block.text).toBe(`Shehbaz Sharif${HARD_BREAK}1${HARD_BREAK} met H${HARD_BREAK}2${HARD_BREAK}O ${HARD_BREAK}[2]${HARD_BREAK}experts.`);
    const end = block.text.indexOf(HARD_BREAK);
    expect(blockRange(block, 0, end).toString()).toBe('Shehbaz Sharif');
    const mark = block.text.indexOf('[2]');
    expect(blockRange(block, mark, mark + 3).toString()).toBe('[2]');
  });

  it('sets apart inline elements that the page lays out as blocks, where their words would otherwise touch', () => {
    const [block] = collectTextBlocks(
      load('<blockquote><span>We want peace</span><span style="display: block">Shehbaz Sharif</span><span>in Islamabad</span> and <i>un</i>changed</blockquote>'),
    );
    // Words that touch across a block-level span are parted; words inside ordinary inline markup still join.
    expect(block.text).toBe(`We want peace${HARD_BREAK}Shehbaz Sharif${HARD_BREAK}in Islamabad and unchanged`);
    const start = block.text.indexOf('Shehbaz');
    expect(blockRange(block, start, start + 14).toString()).toBe('Shehbaz Sharif');
  });

  it('never reads scripts, styles, templates, form fields or editable text', () => {
    const html = `
      <p>visible</p>
      <script>var a = "Asim Munir";</script><style>/* Vikram Misri */</style>
      <noscript>Rajnath Singh</noscript><template><p>Omar Abdullah</p></template>
      <input value="Pahalgam"><textarea>Ajit Doval</textarea>
      <select><option>Manoj Sinha</option></select>
      <div contenteditable="true">Amit <b>Shah</b></div><div contenteditable>Khawaja Asif</div>
      <div contenteditable="false">kept</div>
      <pre><code>let loc = 0</code></pre>`;
    expect(texts(html)).toEqual(['visible', 'kept']);
  });

  it('skips hidden elements', () => {
    expect(texts('<article><p hidden>gone</p><p aria-hidden="true">icon</p><p>shown</p></article>')).toEqual(['shown']);
  });

  it('reads the page\'s top level when a dialog hides it from screen readers, but not decoration hidden within it', () => {
    // react-modal, Reach UI and others set aria-hidden on everything beside an open dialog: the article stays on screen.
    const html = `<div id="app" aria-hidden="true"><article><p>Shehbaz Sharif spoke.</p><p aria-hidden="true">pull quote</p></article></div>
      <div role="dialog"><p>Subscribe</p></div>`;
    // The dialog itself is site chrome (its role), as a newsletter prompt is.
    expect(texts(html)).toEqual(['Shehbaz Sharif spoke.']);
    expect(isReadable(document.querySelector('#app p')!)).toBe(true);
    expect(isReadable(document.querySelector('[aria-hidden] [aria-hidden]')!)).toBe(false);
  });

  it('leaves out site chrome but keeps the article, its header and its captions', () => {
    const html = `
      <header class="site-header"><a>Operation Sindoor</a></header>
      <nav><a>Pahalgam</a></nav>
      <main><article>
        <header><h1>Headline</h1></header>
        <p>Body</p>
        <figure><figcaption>Caption</figcaption></figure>
        <div class="read-more"><a>Promo</a></div>
        <div class="ad-slot">Ad</div>
      </article>
      <aside class="trending">Trending</aside>
      <section class="comments">Comment</section></main>
      <div class="most-read">Most read</div>
      <footer>Footer</footer>`;
    expect(texts(html)).toEqual(['Headline', 'Body', 'Caption']);
  });

  it('reads chrome too when asked for the whole page', () => {
    const blocks = collectTextBlocks(load('<nav>Menu</nav><p>Body</p>'), { skipChrome: false });
    expect(blocks.map((b) => b.text)).toEqual(['Menu', 'Body']);
  });

  it('survives very deep nesting without recursion', () => {
    let html = 'deep';
    for (let i = 0; i < 5000; i++) html = `<div>${html}</div>`;
    expect(texts(html)).toEqual(['deep']);
  });

  it('does not change the DOM', () => {
    const root = load('<article><p>Shehbaz <b>Sharif</b> and <i>Marco</i> Rubio</p><br><p>Two</p></article>');
    const before = root.innerHTML;
    collectTextBlocks(root);
    expect(root.innerHTML).toBe(before);
  });
});

describe('blockRange', () => {
  it('maps block offsets to a Range whose text is exactly the span, across inline elements', () => {
    const [block] = collectTextBlocks(load('<p>PM Shehbaz <b>Sharif</b>’s office and <em>Marco</em> Rubio.</p>'));
    const cases = ['Shehbaz Sharif', 'Sharif', 'Marco Rubio', 'PM', 'Rubio'];
    for (const surface of cases) {
      const start = block.text.indexOf(surface);
      expect(blockRange(block, start, start + surface.length).toString()).toBe(surface);
    }
  });

  it('maps spans that start or end exactly at a node boundary', () => {
    const [block] = collectTextBlocks(load('<p><span>Jammu</span><span> and </span><span>Kashmir</span></p>'));
    const range = blockRange(block, 0, block.text.length);
    expect(range.toString()).toBe('Jammu and Kashmir');
    expect(range.startContainer.textContent).toBe('Jammu');
    expect(range.endContainer.textContent).toBe('Kashmir');
    const middle = blockRange(block, 6, 9);
    expect(middle.toString()).toBe('and');
  });

  it('maps spans after a <br>', () => {
    const [block] = collectTextBlocks(load('<p>first<br>Marco Rubio</p>'));
    const start = block.text.indexOf('Marco');
    expect(blockRange(block, start, start + 11).toString()).toBe('Marco Rubio');
  });
});

describe('shadow roots', () => {
  it('reads the content of open shadow roots as the page renders it, slots included', () => {
    const root = load('<p>Before</p><story-section><span>light Marco</span></story-section><p>After</p>');
    const host = root.querySelector('story-section')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>Shadow text on Marco <b>Rubio</b></p><div><slot></slot> Rubio</div>';
    const blocks = collectTextBlocks(root);
    expect(blocks.map((b) => b.text.replace(/\s+/g, ' ').trim())).toEqual(['Before', 'Shadow text on Marco Rubio', 'light Marco Rubio', 'After']);
    const shadowBlock = blocks[1];
    const start = shadowBlock.text.indexOf('Marco Rubio');
    const range = blockRange(shadowBlock, start, start + 'Marco Rubio'.length);
    expect(range.toString()).toBe('Marco Rubio');
    expect((range.startContainer.getRootNode() as ShadowRoot).host).toBe(host);
    // Each block knows the tree its text starts in: the highlight styles and hit tests must reach into that root.
    expect(blocks.map((b) => b.shadowRoot)).toEqual([null, host.shadowRoot, null, null]);
  });

  it('knows the shadow root of text read from a subtree inside one (an incremental rescan)', () => {
    const root = load('<story-section></story-section>');
    const host = root.querySelector('story-section')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div><p>Inner Marco Rubio</p></div>';
    const blocks = collectTextBlocks(shadow.querySelector('div')!);
    expect(blocks.map((b) => [b.text, b.shadowRoot])).toEqual([['Inner Marco Rubio', shadow]]);
    expect(collectTextBlocks(shadow).map((b) => b.shadowRoot)).toEqual([shadow]);
  });

  it('reads shadow roots of the standard elements that can hold one, such as a div or a span', () => {
    const root = load('<div id="a">light div</div><p><span id="b">light span</span></p>');
    root.querySelector('#a')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Shadow of a div: Marco Rubio</p>';
    root.querySelector('#b')!.attachShadow({ mode: 'open' }).innerHTML = 'Shadow of a span';
    expect(collectTextBlocks(root).map((b) => b.text)).toEqual(['Shadow of a div: Marco Rubio', 'Shadow of a span']);
  });

  it('leaves closed shadow roots alone', () => {
    const root = load('<p>Open</p><closed-box></closed-box>');
    root.querySelector('closed-box')!.attachShadow({ mode: 'closed' }).innerHTML = '<p>Secret Marco Rubio</p>';
    expect(collectTextBlocks(root).map((b) => b.text)).toEqual(['Open']);
  });
});

describe('very long blocks', () => {
  it('are cut at whitespace into pieces that still map back to the page text', async () => {
    const { MAX_BLOCK_CHARS } = await import('../../src/page/text-blocks');
    const filler = 'word '.repeat(Math.ceil((MAX_BLOCK_CHARS * 2.5) / 5));
    const root = load(`<p>${filler}Marco Rubio <b>and</b> ${filler}Shehbaz Sharif end</p>`);
    const blocks = collectTextBlocks(root);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) expect(block.text.length).toBeLessThanOrEqual(MAX_BLOCK_CHARS);
    expect(blocks.map((b) => b.text).join('')).toBe(root.textContent);
    for (const name of ['Marco Rubio', 'Shehbaz Sharif']) {
      const block = blocks.find((b) => b.text.includes(name))!;
      const start = block.text.indexOf(name);
      expect(blockRange(block, start, start + name.length).toString()).toBe(name);
    }
  });
});

describe('leaf blocks (a block element holding only text)', () => {
  it('are read whole and map back to their text nodes, comments and empty nodes aside', () => {
    const root = load('<p id="leaf"></p><div><p>Inner <b>Marco</b> Rubio</p></div>');
    const leaf = root.querySelector('#leaf')!;
    for (const piece of ['PM Shehbaz ', '', 'Sharif met ']) leaf.append(document.createTextNode(piece));
    leaf.append(document.createComment('an ad slot'), document.createTextNode('Marco Rubio.'));
    const [block, inner] = collectTextBlocks(root);
    expect(block.leaf).toBe(true);
    expect(block.text).toBe('PM Shehbaz Sharif met Marco Rubio.');
    expect(block.segments.map((s) => [s.node.data, s.start])).toEqual([['PM Shehbaz ', 0], ['Sharif met ', 11], ['Marco Rubio.', 22]]);
    expect(blockRange(block, 3, 17).toString()).toBe('Shehbaz Sharif');
    expect(blockRange(block, 22, 33).toString()).toBe('Marco Rubio');
    expect(inner.leaf).toBe(false);
  });

  it('map to nothing once the page has changed their text, until they are read again', () => {
    const root = load('<p>Marco Rubio spoke.</p>');
    const [block] = collectTextBlocks(root);
    (root.querySelector('p')!.firstChild as Text).data = 'Someone else spoke.';
    expect(block.segments).toEqual([]);
    expect(blockRange(block, 0, 11).collapsed).toBe(true);
    expect(collectTextBlocks(root)[0].text).toBe('Someone else spoke.');
  });
});

describe('changesWholeBlocks', () => {
  /**
   * The record of a change to `#box`'s children, as the browser writes it: the nodes added or removed, and the
   * siblings on either side of them (written by hand: happy-dom's records leave the siblings out).
   */
  function recordOf(html: string, change: { add?: Node; remove?: number; before?: number }): MutationRecord {
    load(`<div id="box">${html}</div>`);
    const box = document.getElementById('box')!;
    const removed = change.remove === undefined ? null : box.childNodes[change.remove];
    const next = removed ? removed.nextSibling : change.before === undefined ? null : box.childNodes[change.before];
    const previous = removed ? removed.previousSibling : next ? next.previousSibling : box.lastChild;
    if (removed) removed.remove();
    if (change.add) box.insertBefore(change.add, next);
    const record = { type: 'childList', target: box, addedNodes: change.add ? [change.add] : [], removedNodes: removed ? [removed] : [], previousSibling: previous, nextSibling: next };
    return record as unknown as MutationRecord;
  }
  const paragraph = () => Object.assign(document.createElement('p'), { textContent: 'new' });

  it('holds for whole blocks added to or taken from a container of blocks', () => {
    expect(changesWholeBlocks(recordOf('<p>one</p>\n<p>two</p>\n', { add: paragraph() }))).toBe(true);
    expect(changesWholeBlocks(recordOf('<p>one</p><p>two</p>', { add: paragraph(), before: 1 }))).toBe(true);
    expect(changesWholeBlocks(recordOf('<p>one</p>\n<p>two</p>\n<p>three</p>', { remove: 2 }))).toBe(true);
    expect(changesWholeBlocks(recordOf('<ul><li>one</li></ul>', { add: document.createElement('section') }))).toBe(true);
    // A framework's list, between the comments that mark its ends.
    expect(changesWholeBlocks(recordOf('<!--[--><p>one</p><!--]-->', { add: paragraph(), before: 2 }))).toBe(true);
  });

  it('does not hold where the change joins or splits text the walk reads as one block', () => {
    // A paragraph put into a run of text splits it; one taken out of it joins its two halves.
    expect(changesWholeBlocks(recordOf('Shehbaz <b>Sharif</b>', { add: paragraph() }))).toBe(false);
    expect(changesWholeBlocks(recordOf('Shehbaz <b>Sharif</b> spoke', { add: paragraph(), before: 1 }))).toBe(false);
    expect(changesWholeBlocks(recordOf('Shehbaz <p>x</p>Sharif', { remove: 1 }))).toBe(false);
    // Comments hold no text: what stands beyond them decides.
    expect(changesWholeBlocks(recordOf('Shehbaz<!--a--><!--b-->Sharif', { add: paragraph(), before: 2 }))).toBe(false);
    // Text, an inline element or a line break added among blocks makes or changes a block of the container's own.
    expect(changesWholeBlocks(recordOf('<p>one</p>', { add: document.createTextNode('Marco Rubio') }))).toBe(false);
    expect(changesWholeBlocks(recordOf('<p>one</p>', { add: document.createElement('b') }))).toBe(false);
    expect(changesWholeBlocks(recordOf('<p>one</p>', { add: document.createElement('br') }))).toBe(false);
  });
});
