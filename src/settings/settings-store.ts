/**
 * Settings in `storage.sync` (they follow the reader to other browsers), as a versioned WXT storage item holding
 * only non-default values.
 */
import { storage } from 'wxt/utils/storage';
import { differencesFromDefaults, withDefaults, type Settings } from './settings';

/** Bump with a migration whenever the stored shape changes. */
export const SETTINGS_VERSION = 1;

const settingsItem = storage.defineItem<Partial<Settings>>('sync:settings', {
  fallback: {},
  version: SETTINGS_VERSION,
  migrations: {},
});

export async function loadSettings(): Promise<Settings> {
  return withDefaults(await settingsItem.getValue());
}

/** This page's last write of the settings: the next one starts after it (see `updateSettings`). */
let lastWrite: Promise<unknown> = Promise.resolve();

/**
 * Applies `change` to the settings as stored now, and stores the result. The only way to write settings: the popup
 * and the settings page may both be open, and one writing its own copy of the settings would undo what the other
 * changed since that copy was read. A page's writes go one after another, each reading what the one before wrote:
 * two clicks in quick succession would otherwise both change the settings they read before either was written, and
 * the second would undo the first.
 */
export function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const write = lastWrite.then(async () => {
    const next = change(await loadSettings());
    await settingsItem.setValue(differencesFromDefaults(next));
    return next;
  });
  lastWrite = write.catch(() => undefined);
  return write;
}

export async function resetSettings(): Promise<void> {
  await settingsItem.removeValue();
}

export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => onChange(withDefaults(value)));
}
