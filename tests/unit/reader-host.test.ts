import { describe, expect, it } from 'vitest';
import { readerHost, type FrameWindow } from '../../src/page/reader-host';

function frame(own: string, options: { ancestors?: string[]; top?: string | 'cross-origin'; referrer?: string } = {}): FrameWindow {
  const top =
    options.top === 'cross-origin'
      ? {
          get location(): { hostname: string } {
            throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
          },
        }
      : { location: { hostname: options.top ?? '' } };
  return { top, location: { hostname: own, ancestorOrigins: options.ancestors }, document: { referrer: options.referrer ?? '' } };
}

describe('readerHost', () => {
  it('is the page’s own host in the top-level page', () => {
    const win = { location: { hostname: 'news.example' }, document: { referrer: 'https://search.example/' } } as FrameWindow & { top: unknown };
    (win as { top: unknown }).top = win;
    expect(readerHost(win)).toBe('news.example');
  });

  it('is the top-level page’s host in a frame, from its ancestors’ origins', () => {
    expect(readerHost(frame('platform.example', { ancestors: ['https://live.news.example', 'https://news.example'], top: 'cross-origin' }))).toBe('news.example');
    // A srcdoc frame has no host of its own.
    expect(readerHost(frame('', { ancestors: ['https://news.example'], top: 'news.example' }))).toBe('news.example');
  });

  it('reads the top-level page when the browser lists no ancestors (Firefox) and the origin allows', () => {
    expect(readerHost(frame('', { top: 'news.example' }))).toBe('news.example');
  });

  it('falls back to the embedding page’s address for a frame of another origin, then to its own host', () => {
    expect(readerHost(frame('platform.example', { top: 'cross-origin', referrer: 'https://news.example/' }))).toBe('news.example');
    expect(readerHost(frame('platform.example', { top: 'cross-origin' }))).toBe('platform.example');
  });
});
