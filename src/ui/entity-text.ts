/** Small wording helpers shared by the card and the popup, so both describe an entity the same way. */
import type { Entity, Office } from '../kb/schema';
import { TYPE_LABELS } from '../kb/entity-types';
import { within } from '../kb/partial-dates';

export function typeLabel(entity: Pick<Entity, 'type'>): string {
  return TYPE_LABELS[entity.type].one;
}

/** The offices a person held on a day (ISO date), most relevant first as the pack orders them. */
export function officesOn(entity: Entity, isoDay: string): Office[] {
  return (entity.offices ?? []).filter((o) => within(isoDay, o.start, o.end));
}

/** One line saying what the entity is: a person's role (on a date, if given), else the summary's first sentence. */
export function oneLine(entity: Entity, isoDay?: string): string {
  if (entity.type === 'person') {
    const held = officesOn(entity, isoDay ?? new Date().toISOString());
    if (held.length) return held[0].role;
  }
  return firstSentence(entity.summary);
}

/** Abbreviations that end in a full stop without ending the sentence ("Gen. Munir", "Dr. S. Jaishankar"). */
const ABBREVIATIONS = new Set(['Dr', 'Mr', 'Mrs', 'Ms', 'St', 'Gen', 'Lt', 'Col', 'Maj', 'Capt', 'Sgt', 'Prof', 'Jr', 'Sr', 'No', 'vs', 'Rev', 'Brig']);

export function firstSentence(text: string): string {
  const end = /[.!?](?=\s+["\u201c]?\p{Lu})/gu;
  for (let match = end.exec(text); match; match = end.exec(text)) {
    const word = /([\p{L}]+)$/u.exec(text.slice(0, match.index))?.[1] ?? '';
    // A single capital is an initial ("S. Jaishankar", "U.S."); a known abbreviation is not an ending either.
    if (/^\p{Lu}$/u.test(word) || ABBREVIATIONS.has(word)) continue;
    return text.slice(0, match.index + 1);
  }
  return text;
}

export function formatDate(iso: string): string {
  const parts = iso.split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  if (parts.length === 1) return String(parts[0]);
  if (parts.length === 2) return `${months[parts[1] - 1]} ${parts[0]}`;
  return `${parts[2]} ${months[parts[1] - 1]} ${parts[0]}`;
}
