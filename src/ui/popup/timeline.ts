/**
 * The background a page needs, as a short timeline in date order: the events and agreements it mentions (and a few
 * they relate to), and the dated happenings in the facts of everything it mentions from the weeks before the
 * article — for an article of 1 May 2025 about the US calls: the attack, India's measures of 23 April, Pakistan's
 * reply of 24 April, the calls of 30 April.
 */
import type { KnowledgeBase } from '../../kb/knowledge-base';
import { earliestDay, latestDay } from '../../kb/partial-dates';
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
/** Facts kept for one day: a day of many announcements (23 April 2025) would otherwise crowd out the rest. */
const MAX_FACTS_PER_DAY = 2;

function daysBefore(isoDay: string, days: number): string {
  const date = new Date(`${isoDay.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/**
 * `mentions` in order of first appearance with their counts; the entities the page mentions most tell each day's
 * happenings first.
 */
export function backgroundTimeline(kb: KnowledgeBase, mentions: ReadonlyArray<{ id: string; count: number }>, publishedAt: string | null): TimelineItem[] {
  const mentionedIds = mentions.map((m) => m.id);
  const countOf = new Map(mentions.map((m) => [m.id, m.count]));
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
  // Background comes before the article: a related event that happened after it is not background.
  const articleDay = publishedAt?.slice(0, 10);
  const before = (date: string) => !articleDay || latestDay(date) <= articleDay;
  for (const id of [...related].filter((id) => before(dated(id)!.when!.start)).slice(0, MAX_RELATED)) {
    const entity = dated(id)!;
    items.push({ date: entity.when!.start, entity, line: firstSentence(entity.summary), kind: 'related' });
  }

  if (publishedAt) {
    const to = publishedAt.slice(0, 10);
    const from = daysBefore(to, FACT_WINDOW_DAYS);
    const byDay = new Map<string, TimelineItem[]>();
    for (const id of mentionedIds) {
      const entity = kb.entities.get(id);
      for (const fact of entity?.facts ?? []) {
        if (!fact.date) continue;
        // Within the weeks before the article, and certainly not after it (a fact dated only "May 2025" is not
        // background to an article of 1 May).
        if (earliestDay(fact.date) < from || !before(fact.date)) continue;
        const list = byDay.get(fact.date) ?? [];
        list.push({ date: fact.date, entity: entity!, line: firstSentence(fact.text), kind: 'fact' });
        byDay.set(fact.date, list);
      }
    }
    // The same happening is told in several entities' facts: each day keeps the tellings of the entities the page
    // mentions most.
    for (const list of byDay.values()) {
      list.sort((a, b) => (countOf.get(b.entity.id) ?? 0) - (countOf.get(a.entity.id) ?? 0));
      items.push(...list.slice(0, MAX_FACTS_PER_DAY));
    }
  }

  items.sort((a, b) => earliestDay(a.date).localeCompare(earliestDay(b.date)) || a.kind.localeCompare(b.kind));
  if (items.length <= MAX_ITEMS) return items;
  // Keep what the page names first, then the latest facts (nearest the article).
  const keep = new Set(items.filter((i) => i.kind === 'mentioned'));
  for (const item of [...items].reverse()) if (keep.size < MAX_ITEMS) keep.add(item);
  return items.filter((i) => keep.has(i));
}
