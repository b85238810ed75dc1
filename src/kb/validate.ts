/**
 * The one validator for knowledge packs: the schema (shape of every field), then the checks that span entries
 * (unique ids, sources that exist, relations that resolve, ordered dates). Errors name the entry and the field, so
 * a person fixing a pack by hand knows where to look.
 */
import { earliestDay, latestDay } from './partial-dates';
import { packSchema, type Entity, type Pack } from './schema';

export interface PackProblem {
  /** The entity id (or `#index` when the entry has no usable id), or `manifest`. */
  entry: string;
  /** Dotted path of the field inside the entry, e.g. `facts.2.sources`. */
  field: string;
  message: string;
}

export type PackValidation = { ok: true; pack: Pack } | { ok: false; problems: PackProblem[] };

function entryLabel(raw: unknown, index: number): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id ? id : `#${index}`;
}

function crossEntryProblems(entities: readonly Entity[], knownIds: ReadonlySet<string>): PackProblem[] {
  const problems: PackProblem[] = [];
  const seen = new Set<string>();
  for (const entity of entities) {
    const at = (field: string, message: string) => problems.push({ entry: entity.id, field, message });
    if (seen.has(entity.id)) at('id', 'duplicate id: another entry already uses it');
    seen.add(entity.id);

    const sourceIds = new Set<string>();
    entity.sources.forEach((s, i) => {
      if (sourceIds.has(s.id)) at(`sources.${i}.id`, `duplicate source id "${s.id}"`);
      sourceIds.add(s.id);
    });
    const cite = (field: string, ids: readonly string[]) =>
      ids.forEach((id, i) => {
        if (!sourceIds.has(id)) at(`${field}.${i}`, `cites source "${id}", which is not in this entry's sources`);
      });
    entity.facts.forEach((f, i) => cite(`facts.${i}.sources`, f.sources));
    entity.offices?.forEach((o, i) => {
      cite(`offices.${i}.sources`, o.sources);
      if (o.end && latestDay(o.end) < earliestDay(o.start)) at(`offices.${i}.end`, `ends (${o.end}) before it starts (${o.start})`);
      if (o.organization && !knownIds.has(o.organization))
        at(`offices.${i}.organization`, `unknown entity id "${o.organization}"`);
    });
    entity.claims?.forEach((c, i) => c.positions.forEach((p, j) => cite(`claims.${i}.positions.${j}.sources`, p.sources)));
    if (entity.when?.end && latestDay(entity.when.end) < earliestDay(entity.when.start))
      at('when.end', `ends (${entity.when.end}) before it starts (${entity.when.start})`);
    entity.relations?.forEach((r, i) => {
      if (!knownIds.has(r.target)) at(`relations.${i}.target`, `unknown entity id "${r.target}"`);
      if (r.target === entity.id) at(`relations.${i}.target`, 'an entity cannot relate to itself');
    });
    if (entity.type === 'person' && !entity.offices?.length) at('offices', 'a person needs at least one office with dates');
    if ((entity.type === 'event' || entity.type === 'agreement') && !entity.when) at('when', `an ${entity.type} needs its date`);
    if (entity.type === 'place' && !entity.location) at('location', 'a place needs a location');
  }
  return problems;
}

/**
 * Checks a pack. `otherIds` are entity ids of packs already installed, which relations may point to.
 */
export function validatePack(raw: unknown, otherIds: ReadonlySet<string> = new Set()): PackValidation {
  const parsed = packSchema.safeParse(raw);
  if (!parsed.success) {
    const rawEntities = (raw as { entities?: unknown[] } | null)?.entities;
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const [top, index, ...rest] = issue.path;
        if (top === 'entities' && typeof index === 'number') {
          return {
            entry: entryLabel(Array.isArray(rawEntities) ? rawEntities[index] : undefined, index),
            field: rest.join('.') || '(entry)',
            message: issue.message,
          };
        }
        return { entry: top === 'manifest' ? 'manifest' : String(top ?? '(pack)'), field: [index, ...rest].join('.') || '(pack)', message: issue.message };
      }),
    };
  }
  const pack = parsed.data;
  const knownIds = new Set([...otherIds, ...pack.entities.map((e) => e.id)]);
  const problems = crossEntryProblems(pack.entities, knownIds);
  return problems.length ? { ok: false, problems } : { ok: true, pack };
}

export function formatProblems(problems: readonly PackProblem[]): string {
  return problems.map((p) => `${p.entry}: ${p.field}: ${p.message}`).join('\n');
}
