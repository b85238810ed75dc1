/**
 * A page far longer than any article is read in parts (`READ_AHEAD_CHARS`): the annotator's paused walk, reading on,
 * and what a change to the page does to a page read in part. The engine is a stand-in that finds three names.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ScanTextsReply } from '../../src/messaging/page-scan';
import { PageAnnotator } from '../../src/page/annotator';
import { createSlicer } from '../../src/page/slicer';
import { READ_AHEAD_CHARS } from '../../src/timing';

const NAMES: Record<string, string> = { 'Ishaq Dar': 'ishaq-dar', 'Shehbaz Sharif': 'shehbaz-sharif', 'Asim Munir': 'asim-munir', 'Ajit Doval': 'ajit-doval' };
const PARAGRAPH = 'Ishaq Dar listened as the next point was raised, and the room stayed quiet while papers went round the table. ';
const PARAGRAPHS = Math.ceil((3.5 * READ_AHEAD_CHARS) / (PARAGRAPH.length * 2));

/** Every request's texts, as the background would get them. */
let requests: string[][] = [];

async function findNames(texts: string[]): Promise<ScanTextsReply> {
  requests.push(texts);
  const entities: ScanTextsReply['entities'] = [];
  const mentions: number[] = [];
  texts.forEach((text, block) => {
    for (const [name, id] of Object.entries(NAMES)) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
        let ordinal = entities.findIndex((e) => e.id === id);
        if (ordinal < 0) ordinal = entities.push({ id, name, type: 'person' }) - 1;
        mentions.push(block, at, at + name.length, ordinal);
      }
    }
  });
  // Mentions in reading order, as the engine gives them.
  const order = [...Array(mentions.length / 4).keys()].sort((a, b) => mentions[a * 4] - mentions[b * 4] || mentions[a * 4 + 1] - mentions[b * 4 + 1]);
  return { entities, mentions: order.flatMap((n) => mentions.slice(n * 4, n * 4 + 4)) };
}

/** A slicer whose time is never up: these tests are about how far reading goes, not when it yields. */
const slicer = () => createSlicer({ now: () => 0, yieldToPage: async () => undefined }, () => true);

const counts = (annotator: PageAnnotator) => Object.fromEntries(annotator.summary().mentions.map((m) => [m.id, m.count]));
const lastRequestChars = () => requests[requests.length - 1].reduce((sum, text) => sum + text.length, 0);

function paragraph(text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}

let article: HTMLElement;

beforeEach(() => {
  requests = [];
  document.body.innerHTML = '<main><article id="record"></article></main>';
  article = document.getElementById('record')!;
  for (let i = 0; i < PARAGRAPHS; i++) {
    article.append(paragraph(`${i + 1}. ${PARAGRAPH}${PARAGRAPH}${i === PARAGRAPHS - 1 ? 'Shehbaz Sharif closed the session.' : ''}`), '\n');
  }
});

describe('a page far longer than any article', () => {
  it('is read as far as READ_AHEAD_CHARS, then on by as much again, then to its end', async () => {
    const annotator = new PageAnnotator(document, findNames);
    await annotator.scanAll(slicer());
    expect(annotator.partial).toBe(true);
    const first = lastRequestChars();
    // The walk looks at how far it has read every 128 nodes: it stops within that many paragraphs of the mark.
    expect(first).toBeGreaterThanOrEqual(READ_AHEAD_CHARS);
    expect(first).toBeLessThan(READ_AHEAD_CHARS + 128 * 2 * PARAGRAPH.length);
    expect(counts(annotator)['ishaq-dar']).toBe(2 * requests[0].length);
    expect(counts(annotator)['shehbaz-sharif']).toBeUndefined();
    const readEnd = annotator.readEnd()!;
    expect(readEnd.textContent).toBe(requests[0][requests[0].length - 1]);

    expect(await annotator.readOn(slicer(), false)).toBe(true);
    expect(annotator.partial).toBe(true);
    expect(lastRequestChars()).toBeGreaterThanOrEqual(first + READ_AHEAD_CHARS);
    expect(lastRequestChars()).toBeLessThan(first + READ_AHEAD_CHARS + 128 * 2 * PARAGRAPH.length);

    expect(await annotator.readOn(slicer(), true)).toBe(true);
    expect(annotator.partial).toBe(false);
    expect(annotator.readEnd()).toBeNull();
    expect(counts(annotator)).toEqual({ 'ishaq-dar': 2 * PARAGRAPHS, 'shehbaz-sharif': 1 });
    // Reading on again: nothing is left.
    expect(await annotator.readOn(slicer(), true)).toBe(false);
  });

  it('reads a change in the part read at once, and one past it when the walk gets there', async () => {
    const annotator = new PageAnnotator(document, findNames);
    await annotator.scanAll(slicer());
    const before = paragraph('Before the session opened, Asim Munir met the delegates.');
    article.prepend(before);
    expect(await annotator.update([before], slicer())).toBe(true);
    expect(counts(annotator)['asim-munir']).toBe(1);
    expect(annotator.partial).toBe(true);

    const after = paragraph('After the session, Ajit Doval spoke to reporters.');
    article.append(after);
    expect(await annotator.update([after], slicer())).toBe(false);
    expect(counts(annotator)['ajit-doval']).toBeUndefined();

    await annotator.readOn(slicer(), true);
    expect(counts(annotator)).toEqual({ 'ishaq-dar': 2 * PARAGRAPHS, 'shehbaz-sharif': 1, 'asim-munir': 1, 'ajit-doval': 1 });
    // Read once each: the paragraph appended past the walk was not read twice.
    const texts = requests[requests.length - 1];
    expect(texts.filter((text) => text.includes('Ajit Doval'))).toHaveLength(1);
  });

  it('reads the page again as far as before when a change is where the walk paused', async () => {
    const annotator = new PageAnnotator(document, findNames);
    await annotator.scanAll(slicer());
    await annotator.readOn(slicer(), false);
    const far = lastRequestChars();
    // The paragraph after the last one read: the walk resumes there.
    const next = annotator.readEnd()!.nextElementSibling!;
    next.textContent = 'Asim Munir interrupted.';
    expect(await annotator.update([next], slicer())).toBe('too-many');
    await annotator.scanAll(slicer());
    expect(annotator.partial).toBe(true);
    expect(lastRequestChars()).toBeGreaterThanOrEqual(far - 2 * PARAGRAPH.length);
    expect(counts(annotator)['asim-munir']).toBe(1);
  });

  it('reads on from the top when text ahead of the walk was taken out, and reads each block once', async () => {
    const main = article.parentElement!;
    const section = (text: string) => {
      const element = document.createElement('section');
      element.append(paragraph(text));
      return element;
    };
    const pruned = section('Ajit Doval was briefed.');
    main.append(pruned, section('Asim Munir was briefed.'));
    const annotator = new PageAnnotator(document, findNames);
    await annotator.scanAll(slicer());
    // The section after the article is where the paused walk goes once the article is done: taken out (a live page
    // pruning old posts, a re-render), it no longer leads on to the rest, so reading on cannot trust where it paused.
    pruned.remove();
    expect(await annotator.update([pruned], slicer())).toBe(false);
    await annotator.readOn(slicer(), true);
    expect(annotator.partial).toBe(false);
    expect(counts(annotator)).toEqual({ 'ishaq-dar': 2 * PARAGRAPHS, 'shehbaz-sharif': 1, 'asim-munir': 1 });
    const texts = requests[requests.length - 1];
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).toHaveLength(PARAGRAPHS + 1);
  });

  it('reads a page shorter than READ_AHEAD_CHARS whole, at the first go', async () => {
    while (article.textContent!.length > READ_AHEAD_CHARS / 2) article.lastChild!.remove();
    article.append(paragraph('Shehbaz Sharif closed the session.'));
    const annotator = new PageAnnotator(document, findNames);
    await annotator.scanAll(slicer());
    expect(annotator.partial).toBe(false);
    expect(counts(annotator)['shehbaz-sharif']).toBe(1);
  });
});
