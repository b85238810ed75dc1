/**
 * The extension's own pages (popup, options) in the reader's theme: the settings' `theme` on the page's root
 * element, where `theme.css` reads it, kept in step with changes made while the page is open.
 */
import type { Settings } from '../settings/settings';

function applyTheme(root: HTMLElement, theme: Settings['theme']): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Applies the stored theme (resolves once it is applied) and every later change of it. */
export async function followThemeSetting(
  root: HTMLElement,
  load: () => Promise<Settings>,
  watch: (onChange: (settings: Settings) => void) => () => void,
): Promise<void> {
  watch((settings) => applyTheme(root, settings.theme));
  applyTheme(root, (await load().catch(() => null))?.theme ?? 'system');
}
