/** The frame gate's measure and watch (`src/page/frame-text.ts`); the e2e test "an embed that renders its text after loading" runs it in Chromium. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameTextLength, whenFrameHasText, type FrameTextWatch } from '../../src/page/frame-text';

const SENTENCE = 'Shehbaz Sharif wrote that Pakistan had accepted the ceasefire and thanked the countries that helped.';

function watch(overrides: Partial<FrameTextWatch> = {}): FrameTextWatch {
  return {
    minChars: 80,
    waitMs: 300,
    checkEveryMs: 10,
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (id) => window.clearTimeout(id),
    ...overrides,
  };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('frameTextLength', () => {
  it('counts the text a frame shows, not its scripts and styles', () => {
    document.body.innerHTML = `<script>${'var ad = 1;'.repeat(40)}</script><style>p { color: red }</style><p>Advertisement</p>`;
    expect(frameTextLength(document)).toBe('Advertisement'.length);
  });
});

describe('whenFrameHasText', () => {
  it('answers at once for a frame that already has enough text', async () => {
    document.body.innerHTML = `<p>${SENTENCE}</p>`;
    expect(await whenFrameHasText(document, watch({ waitMs: 0 }))).toBe(true);
  });

  it('waits for text that a script renders later', async () => {
    document.body.innerHTML = '<p>Loading</p>';
    const waiting = whenFrameHasText(document, watch());
    setTimeout(() => (document.body.innerHTML = `<p>${SENTENCE}</p>`), 50);
    expect(await waiting).toBe(true);
  });

  it('gives up on a frame that stays small, measuring it at most once per interval however often it changes', async () => {
    document.body.innerHTML = '<p>Ad</p>';
    // Each measure lists the body's scripts and styles once.
    const measures = vi.spyOn(document.body, 'querySelectorAll');
    let changes = 0;
    const waiting = whenFrameHasText(document, watch({ waitMs: 150, checkEveryMs: 10 }));
    const churn = setInterval(() => {
      document.body.innerHTML = `<p>Ad ${++changes}</p>`;
    }, 1);
    const enough = await waiting;
    clearInterval(churn);
    expect(enough).toBe(false);
    expect(measures.mock.calls.length).toBeGreaterThan(0);
    expect(measures.mock.calls.length).toBeLessThanOrEqual(150 / 10 + 2);
    expect(changes).toBeGreaterThan(2 * measures.mock.calls.length);
    measures.mockRestore();
  });
});
