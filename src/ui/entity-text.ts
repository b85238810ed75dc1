/** Small wording helpers shared by the card and the popup, so both describe an entity the same way. */
import type { Entity, Office } from '../kb/schema';
import { TYPE_LABELS } from '../kb/knowledge-base';

export function typeLabel(entity: Pick<Entity, 'type'>): string {
  return TYPE_LABELS[entity.type].one;
}

function dateKey(date: string): string {
  return (date + '-00-00').slice(0, 10);
}

/** The offices a person held on a day (ISO date), most relevant first as the pack orders them. */
export function officesOn(entity: Entity, isoDay: string): Office[] {
  const day = isoDay.slice(0, 10);
  return (entity.offices ?? []).filter(
    (o) => dateKey(o.start) <= day && (o.end == null || day <= (o.end + '-99-99').slice(0, 10)),
  );
}

/** One line saying what the entity is: a person's role (on a date, if given), else the summary's first sentence. */
export function oneLine(entity: Entity, isoDay?: string): string {
  if (entity.type === 'person') {
    const held = officesOn(entity, isoDay ?? new Date().toISOString());
    if (held.length) return held[0].role;
  }
  const firstSentence = /^(.+?[.!?])(\s|$)/.exec(entity.summary)?.[1];
  return firstSentence ?? entity.summary;
}

export function formatDate(iso: string): string {
  const parts = iso.split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  if (parts.length === 1) return String(parts[0]);
  if (parts.length === 2) return `${months[parts[1] - 1]} ${parts[0]}`;
  return `${parts[2]} ${months[parts[1] - 1]} ${parts[0]}`;
}
