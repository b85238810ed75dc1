/**
 * One summary for the page from the top frame's and its frames': a live blog or an article shown in a frame, or an
 * embedded post, is part of what the reader is reading. The page's address, title and date are the top frame's.
 */
import type { MentionSummary, PageSummary } from '../../messaging/messages';

export function mergeSummaries(top: PageSummary, frames: readonly PageSummary[]): PageSummary {
  // Off for the site: off in its frames too.
  if (!frames.length || top.status === 'disabled') return top;
  const byId = new Map<string, MentionSummary>();
  // The top frame's mentions first, in their order, then each frame's new ones in its order.
  for (const summary of [top, ...frames]) {
    for (const mention of summary.mentions) {
      const seen = byId.get(mention.id);
      if (!seen) byId.set(mention.id, { ...mention, surfaces: [...mention.surfaces] });
      else {
        seen.count += mention.count;
        for (const surface of mention.surfaces) if (!seen.surfaces.includes(surface)) seen.surfaces.push(surface);
      }
    }
  }
  // Still reading while any part of the page is.
  const scanning = frames.some((frame) => frame.status === 'scanning');
  return { ...top, status: scanning ? 'scanning' : top.status, mentions: [...byId.values()] };
}
