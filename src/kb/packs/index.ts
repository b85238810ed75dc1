/**
 * The packs bundled with the extension. A pack is a folder: `pack.json` (the manifest) and `entities/*.json`
 * (arrays of entities, split by file only for the editors' convenience). Adding a pack is adding a folder.
 *
 * The data is trusted only after `validatePack` (run over every bundled pack by the unit tests).
 */
const manifests = import.meta.glob<unknown>('./*/pack.json', { eager: true, import: 'default' });
const entityFiles = import.meta.glob<unknown[]>('./*/entities/*.json', { eager: true, import: 'default' });

export interface RawPack {
  folder: string;
  manifest: unknown;
  entities: unknown[];
}

export const bundledPacks: RawPack[] = Object.entries(manifests)
  .map(([path, manifest]) => {
    const folder = path.split('/')[1];
    const entities = Object.entries(entityFiles)
      .filter(([file]) => file.startsWith(`./${folder}/`))
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([, list]) => list);
    return { folder, manifest, entities };
  })
  .sort((a, b) => a.folder.localeCompare(b.folder));
