import { describe, expect, it } from 'vitest';
import { badgeFor } from '../../src/messaging/badge';
import { isPageStateNotice, PAGE_STATE_NOTICE } from '../../src/messaging/messages';
import { badgeStateOf } from '../../src/messaging/tab-frames';

describe('the toolbar badge', () => {
  it('counts the names of a page read whole, and says nothing is off', () => {
    expect(badgeFor({ status: 'ready', entityCount: 3 })).toMatchObject({ text: '3', title: 'Backstory: 3 names explained on this page' });
    expect(badgeFor({ status: 'ready', entityCount: 1 }).title).toBe('Backstory: 1 name explained on this page');
    expect(badgeFor({ status: 'ready', entityCount: 0 })).toMatchObject({ text: '', title: 'Backstory: nothing to explain on this page' });
    expect(badgeFor({ status: 'disabled', entityCount: 3 })).toMatchObject({ text: '', title: 'Backstory is off for this page' });
  });

  it('says "so far" for a long page read in part: more names may come as the reader goes on', () => {
    expect(badgeFor({ status: 'ready', entityCount: 2, partial: true })).toMatchObject({
      text: '2+',
      title: 'Backstory: 2 names explained so far on this long page (more as you read on)',
    });
    expect(badgeFor({ status: 'ready', entityCount: 0, partial: true })).toMatchObject({
      text: '',
      title: 'Backstory: nothing to explain so far on this long page (more as you read on)',
    });
  });

  it('takes a page read in part from the top frame’s notice, which is checked like the rest of it', () => {
    const notice = { type: PAGE_STATE_NOTICE, status: 'ready', entityIds: ['ishaq-dar'], partial: true };
    expect(isPageStateNotice(notice)).toBe(true);
    expect(isPageStateNotice({ ...notice, partial: 'yes' })).toBe(false);
    expect(badgeStateOf({ top: { status: 'ready', entityIds: ['ishaq-dar'], partial: true }, frames: [] })).toEqual({ status: 'ready', entityCount: 1, partial: true });
    expect(badgeStateOf({ top: { status: 'ready', entityIds: ['ishaq-dar'] }, frames: [] })).toEqual({ status: 'ready', entityCount: 1 });
    // A frame read in part (a day-long live blog shown in a frame) makes the page's count one "so far" too.
    const frame = { frameId: 7, entityIds: ['marco-rubio'], partial: true };
    expect(badgeStateOf({ top: { status: 'ready', entityIds: ['ishaq-dar'] }, frames: [frame] })).toEqual({ status: 'ready', entityCount: 2, partial: true });
    expect(badgeStateOf({ top: { status: 'disabled', entityIds: [] }, frames: [frame] })).toEqual({ status: 'disabled', entityCount: 0 });
  });
});
