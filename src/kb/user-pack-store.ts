/**
 * Where the reader's imported packs live: `storage.local` (packs outgrow the sync quota). Kept apart from the
 * import logic so that pages, which only need to hear of changes, do not carry the validator.
 */
import { storage } from 'wxt/utils/storage';
import type { Pack } from './schema';

export const userPacksItem = storage.defineItem<Pack[]>('local:userPacks', { fallback: [], version: 1 });

export async function loadUserPacks(): Promise<Pack[]> {
  return userPacksItem.getValue();
}

export function watchUserPacks(onChange: (packs: Pack[]) => void): () => void {
  return userPacksItem.watch((packs) => onChange(packs ?? []));
}
