import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, differencesFromDefaults, isEnabledFor, withDefaults, withSiteEnabled } from '../../src/settings/settings';

describe('settings', () => {
  it('fill defaults and repair whatever storage holds, never throwing', () => {
    expect(withDefaults(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(withDefaults('garbage')).toEqual(DEFAULT_SETTINGS);
    const repaired = withDefaults({ enabled: 'yes', highlightStyle: 'blink', hoverDelayMs: 5, entityTypes: ['person', 'planet'], sites: ['https://www.Example.com/news', 7], unknown: 1 });
    expect(repaired).toEqual({ ...DEFAULT_SETTINGS, hoverDelayMs: 100, entityTypes: ['person'], sites: ['example.com'] });
  });

  it('store only the values that differ from the defaults', () => {
    expect(differencesFromDefaults({ ...DEFAULT_SETTINGS })).toEqual({});
    expect(differencesFromDefaults({ ...DEFAULT_SETTINGS, firstMentionOnly: true, sites: ['a.com'] })).toEqual({ firstMentionOnly: true, sites: ['a.com'] });
  });

  it('switch sites off (with their subdomains) or, in "only" mode, on', () => {
    const off = withSiteEnabled({ ...DEFAULT_SETTINGS }, 'www.dawn.com', false);
    expect(off.sites).toEqual(['dawn.com']);
    expect(isEnabledFor(off, 'dawn.com')).toBe(false);
    expect(isEnabledFor(off, 'epaper.dawn.com')).toBe(false);
    expect(isEnabledFor(off, 'thehindu.com')).toBe(true);
    expect(isEnabledFor(withSiteEnabled(off, 'dawn.com', true), 'dawn.com')).toBe(true);

    const only = withSiteEnabled({ ...DEFAULT_SETTINGS, siteMode: 'only' }, 'thehindu.com', true);
    expect(isEnabledFor(only, 'thehindu.com')).toBe(true);
    expect(isEnabledFor(only, 'dawn.com')).toBe(false);
    expect(isEnabledFor({ ...only, enabled: false }, 'thehindu.com')).toBe(false);
  });

  it('with no site listed, reads every site, or none in "only" mode', () => {
    expect(isEnabledFor({ ...DEFAULT_SETTINGS, sites: [] }, 'www.dawn.com')).toBe(true);
    expect(isEnabledFor({ ...DEFAULT_SETTINGS, sites: [], siteMode: 'only' }, 'www.dawn.com')).toBe(false);
    expect(isEnabledFor({ ...DEFAULT_SETTINGS, sites: [], enabled: false }, 'www.dawn.com')).toBe(false);
  });
});
