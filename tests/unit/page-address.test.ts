import { describe, expect, it } from 'vitest';
import { articleAddress } from '../../src/page/page-address';

describe('articleAddress', () => {
  it('drops a fragment that marks a place in the page', () => {
    expect(articleAddress('https://news.example/live/123#update-3')).toBe('https://news.example/live/123');
    expect(articleAddress('https://news.example/story?id=4#')).toBe('https://news.example/story?id=4');
    expect(articleAddress('https://news.example/story#:~:text=Pahalgam')).toBe('https://news.example/story');
  });

  it('keeps a fragment that routes a single-page app', () => {
    expect(articleAddress('https://news.example/#/world/story-2')).toBe('https://news.example/#/world/story-2');
    expect(articleAddress('https://news.example/#!/world/story-2')).toBe('https://news.example/#!/world/story-2');
  });

  it('keeps an address without a fragment, query included', () => {
    expect(articleAddress('https://news.example/story?utm_source=x')).toBe('https://news.example/story?utm_source=x');
    expect(articleAddress('')).toBe('');
  });
});
