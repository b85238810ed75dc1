import { describe, expect, it } from 'vitest';
import { paintedStyle } from '../../src/page/highlights';
import { TINT_LONG_PAGES_FROM_CHARS } from '../../src/timing';

describe('the style mentions are painted in', () => {
  it('is the reader’s choice on a page of ordinary length', () => {
    for (const style of ['underline', 'tint', 'none'] as const) expect(paintedStyle(style, 20_000)).toBe(style);
    expect(paintedStyle('underline', TINT_LONG_PAGES_FROM_CHARS - 1)).toBe('underline');
  });

  it('tints instead of underlining from TINT_LONG_PAGES_FROM_CHARS characters, and never paints what the reader turned off', () => {
    expect(paintedStyle('underline', TINT_LONG_PAGES_FROM_CHARS)).toBe('tint');
    expect(paintedStyle('underline', 5_000_000)).toBe('tint');
    expect(paintedStyle('tint', 5_000_000)).toBe('tint');
    expect(paintedStyle('none', 5_000_000)).toBe('none');
  });
});
