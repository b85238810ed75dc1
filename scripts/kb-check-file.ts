/**
 * Checks one entity file (a JSON array of entities) against the knowledge-base schema and
 * prints each problem with the entry and field it concerns. Used while writing pack data.
 *   npx vite-node scripts/kb-check-file.ts src/kb/packs/india-pakistan-2025/entities/people.json
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { entitySchema } from '../src/kb/schema';

const file = process.argv[2];
if (!file) {
  console.error('usage: vite-node scripts/kb-check-file.ts FILE.json');
  process.exit(2);
}
const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
if (!Array.isArray(data)) {
  console.error(`${file}: must be a JSON array of entities`);
  process.exit(1);
}
let problems = 0;
const ids = new Set<string>();
data.forEach((entry, index) => {
  const label = (entry as { id?: string })?.id ?? `#${index}`;
  const result = entitySchema.safeParse(entry);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems++;
      console.log(`${label}: ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
    }
    return;
  }
  const entity = result.data;
  if (ids.has(entity.id)) { problems++; console.log(`${label}: id: duplicate id`); }
  ids.add(entity.id);
  const sourceIds = new Set(entity.sources.map((s) => s.id));
  const cited = [
    ...entity.facts.flatMap((f, i) => f.sources.map((s) => [`facts.${i}`, s] as const)),
    ...(entity.offices ?? []).flatMap((o, i) => o.sources.map((s) => [`offices.${i}`, s] as const)),
    ...(entity.claims ?? []).flatMap((c, i) => c.positions.flatMap((p, j) => p.sources.map((s) => [`claims.${i}.positions.${j}`, s] as const))),
  ];
  for (const [where, s] of cited) {
    if (!sourceIds.has(s)) { problems++; console.log(`${label}: ${where}.sources: unknown source id "${s}"`); }
  }
});
console.log(problems ? `${problems} problem(s) in ${data.length} entities` : `ok: ${data.length} entities`);
process.exit(problems ? 1 : 0);
void z;
