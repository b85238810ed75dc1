/**
 * Importing and removing the reader's own packs. Only packs that passed the validator are ever stored: an invalid
 * file changes nothing.
 */
import type { Pack } from './schema';
import { userPacksItem } from './user-pack-store';
import { validatePack, type PackProblem } from './validate';

export { loadUserPacks, watchUserPacks } from './user-pack-store';

export type ImportResult = { ok: true; pack: Pack; replaced: boolean } | { ok: false; problems: PackProblem[] };

/**
 * Validates a pack file's text and, only if it is valid, stores it (replacing an imported pack with the same id).
 * `installedIds` are the entity ids of the bundled packs, which relations may point to.
 */
export async function importPack(fileText: string, installedIds: ReadonlySet<string>, bundledPackIds: ReadonlySet<string>): Promise<ImportResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(fileText);
  } catch (error) {
    return { ok: false, problems: [{ entry: '(file)', field: '(json)', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  const result = validatePack(raw, installedIds);
  if (!result.ok) return result;
  if (bundledPackIds.has(result.pack.manifest.id)) {
    return { ok: false, problems: [{ entry: 'manifest', field: 'id', message: `"${result.pack.manifest.id}" is a bundled pack; give the imported pack its own id` }] };
  }
  const current = await userPacksItem.getValue();
  const replaced = current.some((p) => p.manifest.id === result.pack.manifest.id);
  await userPacksItem.setValue([...current.filter((p) => p.manifest.id !== result.pack.manifest.id), result.pack]);
  return { ok: true, pack: result.pack, replaced };
}

export async function removeUserPack(id: string): Promise<void> {
  await userPacksItem.setValue((await userPacksItem.getValue()).filter((p) => p.manifest.id !== id));
}
