/**
 * Checks one entity file (a JSON array of entities) with the knowledge-base validator, as part of the bundled pack
 * it belongs to (relations may point to entities in the pack's other files), and prints each problem with the entry
 * and field it concerns. Used while writing pack data.
 *   npx vite-node scripts/kb-check-file.ts src/kb/packs/india-pakistan-2025/entities/people-a.json
 */
import { readFileSync } from 'node:fs';
import { bundledPacks } from '../src/kb/packs';
import { formatProblems, validatePack } from '../src/kb/validate';

const file = process.argv[2];
if (!file) {
  console.error('usage: vite-node scripts/kb-check-file.ts FILE.json');
  process.exit(2);
}
const entities: unknown = JSON.parse(readFileSync(file, 'utf8'));
if (!Array.isArray(entities)) {
  console.error(`${file}: must be a JSON array of entities`);
  process.exit(1);
}
const pack = bundledPacks.find((p) => file.includes(`/packs/${p.folder}/`)) ?? bundledPacks[0];
const otherIds = new Set(bundledPacks.flatMap((p) => p.entities.map((e) => (e as { id?: string }).id ?? '')));
const result = validatePack({ manifest: pack.manifest, entities }, otherIds);
if (result.ok) console.log(`ok: ${entities.length} entities`);
else console.log(`${formatProblems(result.problems)}\n${result.problems.length} problem(s) in ${entities.length} entities`);
process.exit(result.ok ? 0 : 1);
