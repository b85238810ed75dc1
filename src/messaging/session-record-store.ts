/**
 * The background's tab records in the browser's session storage (kept while the browser runs, across the background's
 * restarts; never written to disk), or in memory where the browser has none.
 */
import { browser } from 'wxt/browser';
import type { RecordStore, TabRecord } from './tab-frames';

export function sessionRecordStore(): RecordStore {
  const session = browser.storage.session as typeof browser.storage.local | undefined;
  if (!session) {
    const memory = new Map<string, TabRecord>();
    return {
      get: async (key) => memory.get(key),
      set: async (key, record) => void memory.set(key, record),
      remove: async (key) => void memory.delete(key),
    };
  }
  return {
    get: async (key) => (await session.get(key))[key] as TabRecord | undefined,
    set: (key, record) => session.set({ [key]: record }),
    remove: (key) => session.remove(key),
  };
}
