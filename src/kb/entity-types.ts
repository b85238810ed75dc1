/** The vocabularies of the knowledge base, apart from the schema so that UI code can use them without the validator. */

export const ENTITY_TYPES = ['person', 'place', 'organization', 'event', 'agreement', 'concept'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Relations a card can show; each reads "<this entity> <relation> <target>". */
export const RELATION_TYPES = [
  'spokesperson-of', // Tammy Bruce → united-states-department-of-state
  'member-of', // a minister → a cabinet body
  'leads', // Shehbaz Sharif → government of Pakistan entity; a minister → ministry
  'serves-in', // a person → an organisation they work for
  'part-of', // Pahalgam → anantnag-district
  'located-in', // Baisaran valley → pahalgam
  'borders', // a place → a line or another place
  'proxy-of', // The Resistance Front → lashkar-e-taiba (as claimed by; see claims)
  'affiliated-with',
  'perpetrated-by', // an attack → the group blamed or claiming it
  'response-to', // Operation Sindoor → 2025-pahalgam-attack
  'part-of-event', // the ceasefire → the conflict
  'led-to',
  'signed-by', // a treaty → a person or state body that signed it
  'party-to', // an organisation or person → an agreement
  'governs', // a treaty → a river; a body → a place
  'brokered-by',
  'related-to',
] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** How the UI names each type, alone and in groups. */
export const TYPE_LABELS: Record<EntityType, { one: string; many: string }> = {
  person: { one: 'Person', many: 'People' },
  place: { one: 'Place', many: 'Places' },
  organization: { one: 'Organisation', many: 'Organisations' },
  event: { one: 'Event', many: 'Events' },
  agreement: { one: 'Agreement', many: 'Agreements' },
  concept: { one: 'Concept', many: 'Concepts' },
};
