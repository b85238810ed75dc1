/**
 * Read-only access to the stored settings and packs for pages (the content script), straight from
 * `browser.storage`: the same keys the WXT storage items write (`settings` in sync, `userPacks` in local), without
 * carrying the storage library into every page. Writing, versions and migrations stay with the extension's own pages
 * (`settings-store.ts`, `user-pack-store.ts`), which run them; `withDefaults` repairs whatever a page reads.
 */
import { browser } from 'wxt/browser';
import { withDefaults, type Settings } from './settings';

const SETTINGS_KEY = 'settings';
const USER_PACKS_KEY = 'userPacks';

export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.sync.get(SETTINGS_KEY);
  return withDefaults(stored[SETTINGS_KEY]);
}

export function onSettingsChange(listener: (settings: Settings) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'sync' && SETTINGS_KEY in changes) listener(withDefaults(changes[SETTINGS_KEY].newValue));
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}

export function onUserPacksChange(listener: () => void): () => void {
  const handler = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && USER_PACKS_KEY in changes) listener();
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
