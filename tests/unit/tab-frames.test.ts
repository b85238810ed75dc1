import { describe, expect, it } from 'vitest';
import type { PageState } from '../../src/messaging/messages';
import { TabFrames, type FrameRecord, type RecordStore, type TabRecord } from '../../src/messaging/tab-frames';

function memoryStore(): RecordStore & { data: Map<string, TabRecord> } {
  const data = new Map<string, TabRecord>();
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, record) => void data.set(key, structuredClone(record)),
    remove: async (key) => void data.delete(key),
  };
}

const ready = (...entityIds: string[]): PageState => ({ status: 'ready', entityIds });

/** Frames that answer with what `live` holds for them, or not at all (removed). */
function framesAnswering(live: Map<number, PageState>) {
  const asked: FrameRecord[] = [];
  const ask = async (_tabId: number, frame: FrameRecord) => {
    asked.push(frame);
    const state = live.get(frame.frameId);
    if (!state) throw new Error('Could not establish connection. Receiving end does not exist.');
    return state;
  };
  return { ask, asked };
}

describe('TabFrames', () => {
  it('counts the entities of the top frame and its frames together, once each', async () => {
    const live = new Map([[7, ready('shehbaz-sharif', 'marco-rubio')]]);
    const tabs = new TabFrames(memoryStore(), framesAnswering(live).ask);
    // A frame that speaks before the top frame: the badge waits for the top frame.
    expect(await tabs.notice(1, 7, 'doc-7', ready('shehbaz-sharif', 'marco-rubio'))).toBeNull();
    expect(await tabs.notice(1, 0, 'doc-0', ready('marco-rubio'))).toEqual({ status: 'ready', entityCount: 2 });
    expect((await tabs.frames(1)).frameIds).toEqual([7]);
  });

  it('drops a frame that no longer answers when the top frame speaks, or when the popup asks', async () => {
    const live = new Map([[7, ready('s-jaishankar')], [9, ready('shehbaz-sharif')]]);
    const { ask, asked } = framesAnswering(live);
    const tabs = new TabFrames(memoryStore(), ask);
    await tabs.notice(1, 7, 'doc-7', ready('s-jaishankar'));
    await tabs.notice(1, 9, undefined, ready('shehbaz-sharif'));
    expect(await tabs.notice(1, 0, 'doc-0', ready('marco-rubio'))).toEqual({ status: 'ready', entityCount: 3 });
    // Each frame is asked at the document it spoke from, where there is one.
    expect(asked.map((f) => [f.frameId, f.documentId])).toEqual([[7, 'doc-7'], [9, undefined]]);
    live.delete(9);
    expect(await tabs.frames(1)).toEqual({ frameIds: [7], badge: { status: 'ready', entityCount: 2 } });
    expect(await tabs.frames(1)).toEqual({ frameIds: [7], badge: null });
    live.delete(7);
    expect(await tabs.notice(1, 0, 'doc-0', ready('marco-rubio'))).toEqual({ status: 'ready', entityCount: 1 });
  });

  it('asks every frame again when a frame says frames of its own were taken out, and only then', async () => {
    // Frame 7 holds frame 9 (an embed inside an embedded page); the page itself mentions Marco Rubio.
    const live = new Map([[7, ready('s-jaishankar')], [9, ready('shehbaz-sharif')]]);
    const { ask, asked } = framesAnswering(live);
    const tabs = new TabFrames(memoryStore(), ask);
    await tabs.notice(1, 0, undefined, ready('marco-rubio'));
    await tabs.notice(1, 7, undefined, ready('s-jaishankar'));
    expect(await tabs.notice(1, 9, undefined, ready('shehbaz-sharif'))).toEqual({ status: 'ready', entityCount: 3 });
    live.delete(9);
    asked.length = 0;
    // Frame 7 rescans with nothing new to say: no one is asked, and the badge still counts the frame that is gone.
    expect(await tabs.notice(1, 7, undefined, ready('s-jaishankar'))).toBeNull();
    expect(asked).toEqual([]);
    // Frame 7 saw frame 9 taken out: every frame is asked, and the badge drops what frame 9 mentioned.
    expect(await tabs.notice(1, 7, undefined, ready('s-jaishankar'), true)).toEqual({ status: 'ready', entityCount: 2 });
    expect(asked.map((f) => f.frameId).sort()).toEqual([7, 9]);
    expect((await tabs.frames(1)).frameIds).toEqual([7]);
  });

  it('forgets what a frame mentioned when its document goes, unless the frame’s next document spoke first', async () => {
    const live = new Map([[7, ready('s-jaishankar')]]);
    const tabs = new TabFrames(memoryStore(), framesAnswering(live).ask);
    await tabs.notice(1, 0, 'doc-0', ready('marco-rubio'));
    expect(await tabs.notice(1, 7, 'doc-a', ready('s-jaishankar'))).toEqual({ status: 'ready', entityCount: 2 });
    // The frame's next page spoke before the old one's word that it is going arrived: the record is the new page's.
    expect(await tabs.notice(1, 7, 'doc-b', ready('shehbaz-sharif'))).toEqual({ status: 'ready', entityCount: 2 });
    expect(await tabs.left(1, 7, 'doc-a')).toBeNull();
    expect(await tabs.left(1, 0, 'doc-0')).toBeNull();
    // The new page goes in turn, to a page too short to read, which never speaks.
    expect(await tabs.left(1, 7, 'doc-b')).toEqual({ status: 'ready', entityCount: 1 });
    expect(await tabs.left(1, 7, 'doc-b')).toBeNull();
  });

  it('forgets a frame that mentions nothing any more, and counts nothing while the page is off', async () => {
    const live = new Map([[7, ready('s-jaishankar')]]);
    const tabs = new TabFrames(memoryStore(), framesAnswering(live).ask);
    await tabs.notice(1, 0, undefined, ready('marco-rubio'));
    expect(await tabs.notice(1, 7, undefined, ready('s-jaishankar'))).toEqual({ status: 'ready', entityCount: 2 });
    expect(await tabs.notice(1, 7, undefined, ready())).toEqual({ status: 'ready', entityCount: 1 });
    expect((await tabs.frames(1)).frameIds).toEqual([]);
    expect(await tabs.notice(1, 0, undefined, { status: 'disabled', entityIds: [] })).toEqual({ status: 'disabled', entityCount: 0 });
  });

  it('neither writes nor touches the badge when a frame has nothing new to say; the top frame always sets it', async () => {
    const store = memoryStore();
    let writes = 0;
    const counting: RecordStore = { ...store, set: (key, record) => (writes++, store.set(key, record)) };
    const live = new Map([[7, ready('s-jaishankar')]]);
    const tabs = new TabFrames(counting, framesAnswering(live).ask);
    expect(await tabs.notice(1, 0, undefined, ready('marco-rubio'))).toEqual({ status: 'ready', entityCount: 1 });
    expect(writes).toBe(1);
    // An ad slot with text but no names, at every rescan.
    expect(await tabs.notice(1, 5, undefined, ready())).toBeNull();
    expect(await tabs.notice(1, 5, undefined, ready())).toBeNull();
    expect(writes).toBe(1);
    expect(await tabs.notice(1, 7, undefined, ready('s-jaishankar'))).toEqual({ status: 'ready', entityCount: 2 });
    expect(await tabs.notice(1, 7, undefined, ready('s-jaishankar'))).toBeNull();
    // The same state from the top frame again (a return from the back/forward cache): the badge is set again.
    expect(await tabs.notice(1, 0, undefined, ready('marco-rubio'))).toEqual({ status: 'ready', entityCount: 2 });
    expect(writes).toBe(2);
    // The popup opening finds nothing changed: the badge is left as it is.
    expect(await tabs.frames(1)).toEqual({ frameIds: [7], badge: null });
  });

  it('keeps its records in the store, for a background started again, and forgets a closed tab', async () => {
    const store = memoryStore();
    const live = new Map([[7, ready('s-jaishankar')]]);
    await new TabFrames(store, framesAnswering(live).ask).notice(3, 7, undefined, ready('s-jaishankar'));
    const restarted = new TabFrames(store, framesAnswering(live).ask);
    expect(await restarted.notice(3, 0, undefined, ready('marco-rubio'))).toEqual({ status: 'ready', entityCount: 2 });
    await restarted.forget(3);
    expect(store.data.size).toBe(0);
  });

  it('leaves no record of a closed tab, for a notice under way as it closed or arriving after', async () => {
    const store = memoryStore();
    const live = new Map([[7, ready('s-jaishankar')]]);
    const tabs = new TabFrames(store, framesAnswering(live).ask);
    await tabs.notice(3, 0, undefined, ready('marco-rubio'));
    // A frame's notice and the tab's removal, together: the notice is halfway through its update when the tab goes.
    const late = tabs.notice(3, 7, undefined, ready('s-jaishankar'));
    await tabs.forget(3);
    await late;
    expect(store.data.size).toBe(0);
    expect(await tabs.notice(3, 7, undefined, ready('s-jaishankar'))).toBeNull();
    expect(await tabs.left(3, 7, undefined)).toBeNull();
    expect(store.data.size).toBe(0);
    expect(await tabs.frames(3)).toEqual({ frameIds: [], badge: null });
  });

  it('applies notices that arrive together one after another', async () => {
    const live = new Map<number, PageState>();
    for (let frameId = 1; frameId <= 20; frameId++) live.set(frameId, ready(`entity-${frameId}`));
    const tabs = new TabFrames(memoryStore(), framesAnswering(live).ask);
    await Promise.all([...live].map(([frameId, state]) => tabs.notice(1, frameId, undefined, state)));
    expect(await tabs.notice(1, 0, undefined, ready())).toEqual({ status: 'ready', entityCount: 20 });
  });
});
