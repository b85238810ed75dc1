/**
 * A small key–value store in the browser's session storage: kept while the browser runs, across the background's
 * restarts (a Manifest V3 service worker is stopped when idle), never written to disk. In memory where the browser
 * has no session storage.
 */
import { browser } from 'wxt/browser';

/** Its shape is what the caller asks for (the background's tab records: `RecordStore` in `tab-frames.ts`). */
export function sessionStore<T>() {
  const session = browser.storage.session as typeof browser.storage.local | undefined;
  const memory = new Map<string, T>();
  return {
    get: async (key: string): Promise<T | undefined> => (session ? ((await session.get(key))[key] as T | undefined) : memory.get(key)),
    set: async (key: string, value: T): Promise<void> => (session ? session.set({ [key]: value }) : void memory.set(key, value)),
    remove: async (key: string): Promise<void> => (session ? session.remove(key) : void memory.delete(key)),
  };
}
