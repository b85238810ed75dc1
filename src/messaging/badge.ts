/** What the toolbar button shows for a page. */
import type { PageSummary } from './messages';

export const BADGE_COLOR = '#8a5a00';

/** What the badge shows for a tab: its state, and the distinct entities of the page, its frames included. */
export interface BadgeState {
  status: PageSummary['status'];
  entityCount: number;
  /** The page is long and read in part so far: more names may come as the reader goes on. */
  partial?: boolean;
}

export function badgeFor(state: BadgeState): { text: string; color: string; title: string } {
  if (state.status === 'disabled') return { text: '', color: BADGE_COLOR, title: 'Backstory is off for this page' };
  const n = state.entityCount;
  const where = state.partial ? 'so far on this long page (more as you read on)' : 'on this page';
  return {
    text: n > 0 ? (n > 999 ? '999+' : `${n}${state.partial ? '+' : ''}`) : '',
    color: BADGE_COLOR,
    title: n === 0 ? `Backstory: nothing to explain ${where}` : `Backstory: ${n} ${n === 1 ? 'name' : 'names'} explained ${where}`,
  };
}
