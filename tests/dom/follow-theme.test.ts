/** The extension's own pages take the reader's theme from the settings, and follow it as it changes. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/settings';
import { followThemeSetting } from '../../src/ui/follow-theme';

describe('followThemeSetting', () => {
  it('applies the stored theme, then each change, and leaves "system" to the system', async () => {
    const root = document.createElement('html');
    let changed: (settings: Settings) => void = () => undefined;
    await followThemeSetting(root, async () => ({ ...DEFAULT_SETTINGS, theme: 'dark' }), (onChange) => ((changed = onChange), () => undefined));
    expect(root.dataset.theme).toBe('dark');
    changed({ ...DEFAULT_SETTINGS, theme: 'light' });
    expect(root.dataset.theme).toBe('light');
    changed({ ...DEFAULT_SETTINGS, theme: 'system' });
    expect(root.hasAttribute('data-theme')).toBe(false);
  });

  it('leaves the system theme when the settings cannot be read', async () => {
    const root = document.createElement('html');
    await followThemeSetting(root, () => Promise.reject(new Error('storage unavailable')), () => () => undefined);
    expect(root.hasAttribute('data-theme')).toBe(false);
  });
});
