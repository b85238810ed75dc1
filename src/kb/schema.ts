/**
 * The knowledge-base schema: the one runtime validator for every pack, bundled or imported.
 *
 * The TypeScript types are inferred from the schema so that the data, the validator and the
 * code that reads the data can never drift apart.
 */
import { z } from 'zod';

import { ENTITY_TYPES, RELATION_TYPES } from './entity-types';

// No code made from strings: zod would otherwise probe for `Function('')` to compile fast parsers, which an extension
// page's Content Security Policy refuses (and reports). Packs are small; the plain parser is fast enough.
z.config({ jitless: true });

/** A calendar date as newspapers give it: a year, a month or a day (ISO 8601). */
const partialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD');
const fullDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date as YYYY-MM-DD');

const sourceId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a short kebab-case source id');

export const sourceSchema = z.strictObject({
  id: sourceId,
  title: z.string().min(1),
  url: z.url({ protocol: /^https$/, error: 'must be an https:// address' }),
  publisher: z.string().min(1),
  /** The day someone on the team last checked the page against the facts citing it. */
  checked: fullDate,
});

export const aliasSchema = z.union([
  z.string().min(1),
  z.strictObject({
    text: z.string().min(1),
    /** Match regardless of letter case ("pahalgam" as well as "Pahalgam"). Default false: acronyms keep their case. */
    caseInsensitive: z.boolean().optional(),
    /**
     * Whether the alias alone is too ambiguous to annotate:
     * - `entity`: only when the page also names this entity unambiguously (a bare surname such as "Sharif");
     * - `domain`: only when the page is about the pack's domain (an acronym such as "LoC").
     */
    context: z.enum(['entity', 'domain']).optional(),
  }),
]);

const factSchema = z.strictObject({
  text: z.string().min(1).max(400),
  sources: z.array(sourceId).min(1, 'every fact needs at least one source'),
  /** When what the fact describes happened, for facts about a dated happening: they join a page's timeline. */
  date: partialDate.optional(),
});

const officeSchema = z.strictObject({
  role: z.string().min(1),
  /** Entity id of the organisation, when the pack has it. */
  organization: z.string().optional(),
  start: partialDate,
  /** Omitted or null while the person still holds the office. */
  end: partialDate.nullable().optional(),
  sources: z.array(sourceId).min(1, 'every office needs at least one source'),
});

const relationSchema = z.strictObject({
  type: z.enum(RELATION_TYPES),
  target: z.string().min(1),
});

/** A contested fact: who claims what, instead of silently picking a side. */
const claimSchema = z.strictObject({
  topic: z.string().min(1),
  positions: z
    .array(
      z.strictObject({
        claimant: z.string().min(1),
        claim: z.string().min(1).max(400),
        sources: z.array(sourceId).min(1),
      }),
    )
    .min(2, 'a contested fact needs at least two positions'),
});

export const entitySchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be the kebab-case of the English Wikipedia title (a-z, 0-9, single dashes)'),
  type: z.enum(ENTITY_TYPES),
  name: z.string().min(1),
  aliases: z.array(aliasSchema).default([]),
  summary: z.string().min(20).max(280),
  facts: z.array(factSchema).min(2).max(6),
  sources: z.array(sourceSchema).min(1),
  /** People: offices with dates, so a card can say what the person was on the article's date. */
  offices: z.array(officeSchema).optional(),
  /** Events and agreements: when they happened or were signed. */
  when: z.strictObject({ start: partialDate, end: partialDate.optional() }).optional(),
  /** Places: where it is, in a phrase ("Anantnag district, Jammu and Kashmir, India"). */
  location: z.string().optional(),
  relations: z.array(relationSchema).optional(),
  claims: z.array(claimSchema).optional(),
  reviewed: fullDate,
});

export const packManifestSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  title: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version such as 1.0.0'),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag such as en'),
  description: z.string().min(1),
  reviewed: fullDate,
  /** Words that show a page is about this pack's domain even before any entity is found. */
  cueWords: z.array(z.string().min(1)).default([]),
});

export const packSchema = z.strictObject({
  manifest: packManifestSchema,
  entities: z.array(entitySchema).min(1),
});

export type Source = z.infer<typeof sourceSchema>;
export type AliasInput = z.infer<typeof aliasSchema>;
export type Entity = z.infer<typeof entitySchema>;
export type PackManifest = z.infer<typeof packManifestSchema>;
export type Pack = z.infer<typeof packSchema>;
export type Office = NonNullable<Entity['offices']>[number];
