/**
 * A small key–value store in the browser's session storage: kept while the browser runs, across the background's
 * restarts (a Manifest V3 service worker is stopped when idle), never written to disk. In memory where the browser
 * has no session storage.
 */
import { browser } from 'wxt/browser';

export interface KeyValueStore<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
  remove(key: string): Promise<void>;
}

export function sessionStore<T>(): KeyValueStore<T> {
  const session = browser.storage.session as typeof browser.storage.local | undefined;
  if (!session) {
    const memory = new Map<string, T>();
    return {
      get: async (key) => memory.get(key),
      set: async (key, value) => void memory.set(key, value),
      remove: async (key) => void memory.delete(key),
    };
  }
  return {
    get: async (key) => (await session.get(key))[key] as T | undefined,
    set: (key, value) => session.set({ [key]: value }),
    remove: (key) => session.remove(key),
  };
}
