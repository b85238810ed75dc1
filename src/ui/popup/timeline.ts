/**
 * The background a page needs, as a short timeline in date order: the events and agreements it mentions (and a few
 * they relate to), and the dated happenings in the facts of everything it mentions from the weeks before the
 * article — for an article of 1 May 2025 about the US calls: the attack, India's measures of 23 April, Pakistan's
 * reply of 24 April, the calls of 30 April.
 */
import type { KnowledgeBase } from '../../kb/knowledge-base';
import { earliestDay } from '../../kb/partial-dates';
import type { Entity } from '../../kb/schema';
import { firstSentence } from '../entity-text';

export interface TimelineItem {
  /** ISO date (possibly partial) of the happening. */
  date: string;
  entity: Entity;
  /** One line: the fact, or for an event or agreement the first sentence of its summary. */
  line: string;
  /** An event or agreement the page names; a related one; or a dated fact of something the page names. */
  kind: 'mentioned' | 'related' | 'fact';
}

/** Related events or agreements that may join the page's own: enough for context, not a history lesson. */
const MAX_RELATED = 3;
/** How far back before the article's date its facts reach: the weeks a reader needs to follow a news story. */
const FACT_WINDOW_DAYS = 45;
/** A timeline longer than this stops being a glance. */
const MAX_ITEMS = 12;

function daysBefore(isoDay: string, days: number): string {
  const date = new Date(`${isoDay.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

export function backgroundTimeline(kb: KnowledgeBase, mentionedIds: readonly string[], publishedAt: string | null): TimelineItem[] {
  const dated = (id: string) => {
    const e = kb.entities.get(id);
    return e && (e.type === 'event' || e.type === 'agreement') && e.when ? e : null;
  };
  const items: TimelineItem[] = [];
  const mentioned = new Set(mentionedIds.filter((id) => dated(id)));
  for (const id of mentioned) {
    const entity = dated(id)!;
    items.push({ date: entity.when!.start, entity, line: firstSentence(entity.summary), kind: 'mentioned' });
  }
  const related = new Set<string>();
  for (const id of mentionedIds) {
    for (const relation of kb.entities.get(id)?.relations ?? []) {
      if (!mentioned.has(relation.target) && dated(relation.target)) related.add(relation.target);
    }
  }
  for (const id of [...related].slice(0, MAX_RELATED)) {
    const entity = dated(id)!;
    items.push({ date: entity.when!.start, entity, line: firstSentence(entity.summary), kind: 'related' });
  }

  if (publishedAt) {
    const to = publishedAt.slice(0, 10);
    const from = daysBefore(to, FACT_WINDOW_DAYS);
    const seen = new Set<string>();
    for (const id of mentionedIds) {
      const entity = kb.entities.get(id);
      for (const fact of entity?.facts ?? []) {
        if (!fact.date) continue;
        const day = earliestDay(fact.date);
        if (day < from || day > to) continue;
        // The same happening is often told in several entities' facts: keep one telling per day and opening.
        const key = `${fact.date}|${fact.text.slice(0, 40).toLowerCase()}`;
        if (seen.has(key)) continue;
        seen.add(key);
        items.push({ date: fact.date, entity: entity!, line: firstSentence(fact.text), kind: 'fact' });
      }
    }
  }

  items.sort((a, b) => earliestDay(a.date).localeCompare(earliestDay(b.date)) || a.kind.localeCompare(b.kind));
  if (items.length <= MAX_ITEMS) return items;
  // Keep what the page names first, then the latest facts (nearest the article).
  const keep = new Set(items.filter((i) => i.kind === 'mentioned'));
  for (const item of [...items].reverse()) if (keep.size < MAX_ITEMS) keep.add(item);
  return items.filter((i) => keep.has(i));
}
