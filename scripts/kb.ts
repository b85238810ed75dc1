/**
 * `npm run kb -- [--json | --stats]`: the bundled knowledge base, validated.
 *   --json   the whole knowledge base as JSON (every pack: manifest and entities)
 *   --stats  counts by type, sources and coverage (the default)
 * Exits 1, listing every problem by entry and field, when a pack does not validate.
 */
import { ENTITY_TYPES } from '../src/kb/entity-types';
import { bundledPacks } from '../src/kb/packs';
import type { Pack } from '../src/kb/schema';
import { formatProblems, validatePack } from '../src/kb/validate';

const args = process.argv.slice(2);
const packs: Pack[] = [];
for (const raw of bundledPacks) {
  const result = validatePack({ manifest: raw.manifest, entities: raw.entities });
  if (!result.ok) {
    console.error(`Pack ${raw.folder} is invalid:\n${formatProblems(result.problems)}`);
    process.exit(1);
  }
  packs.push(result.pack);
}

if (args.includes('--json')) {
  console.log(JSON.stringify({ packs }, null, 2));
} else {
  const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '-');
  for (const { manifest, entities } of packs) {
    const facts = entities.flatMap((e) => e.facts);
    const sourced = facts.filter((f) => f.sources.length > 0).length;
    const sources = entities.flatMap((e) => e.sources);
    const aliases = entities.flatMap((e) => e.aliases);
    const withContext = aliases.filter((a) => typeof a !== 'string' && a.context).length;
    const people = entities.filter((e) => e.type === 'person');
    const dated = entities.filter((e) => e.type === 'event' || e.type === 'agreement');
    console.log(`${manifest.title} (${manifest.id} ${manifest.version}, ${manifest.language}, reviewed ${manifest.reviewed})`);
    console.log(`  entities        ${entities.length}`);
    for (const type of ENTITY_TYPES) console.log(`    ${type.padEnd(13)} ${entities.filter((e) => e.type === type).length}`);
    console.log(`  facts           ${facts.length}, with sources ${sourced} (${percent(sourced, facts.length)})`);
    console.log(`  sources         ${sources.length} citations, ${new Set(sources.map((s) => s.url)).size} distinct pages, ${new Set(sources.map((s) => s.publisher)).size} publishers`);
    console.log(`  people          ${people.length}, with dated offices ${people.filter((p) => p.offices?.length).length} (${percent(people.filter((p) => p.offices?.length).length, people.length)})`);
    console.log(`  events/agreements ${dated.length}, with dates ${dated.filter((e) => e.when).length}`);
    console.log(`  contested facts ${entities.reduce((n, e) => n + (e.claims?.length ?? 0), 0)} (on ${entities.filter((e) => e.claims?.length).length} entities)`);
    console.log(`  relations       ${entities.reduce((n, e) => n + (e.relations?.length ?? 0), 0)}`);
    console.log(`  name forms      ${entities.length + aliases.length}, of which ${withContext} need context`);
  }
}
