/**
 * The background a page needs: the events and agreements it mentions, and those they are related to, in date
 * order, each with one line.
 */
import type { KnowledgeBase } from '../../kb/knowledge-base';
import { earliestDay } from '../../kb/partial-dates';
import type { Entity } from '../../kb/schema';

export interface TimelineItem {
  entity: Entity;
  /** Whether the page itself mentions it (the others are its related background). */
  mentioned: boolean;
}

/** How many related events or agreements may join the page's own: enough for context, not a history lesson. */
const MAX_RELATED = 4;

export function backgroundTimeline(kb: KnowledgeBase, mentionedIds: readonly string[]): TimelineItem[] {
  const dated = (id: string) => {
    const e = kb.entities.get(id);
    return e && (e.type === 'event' || e.type === 'agreement') && e.when ? e : null;
  };
  const mentioned = new Set(mentionedIds.filter((id) => dated(id)));
  const related = new Set<string>();
  for (const id of mentionedIds) {
    for (const relation of kb.entities.get(id)?.relations ?? []) {
      if (!mentioned.has(relation.target) && dated(relation.target)) related.add(relation.target);
    }
  }
  const items: TimelineItem[] = [
    ...[...mentioned].map((id) => ({ entity: dated(id)!, mentioned: true })),
    ...[...related].slice(0, MAX_RELATED).map((id) => ({ entity: dated(id)!, mentioned: false })),
  ];
  return items.sort((a, b) => earliestDay(a.entity.when!.start).localeCompare(earliestDay(b.entity.when!.start)));
}
