/**
 * The popup's state, kept current while it is open: loaded when the popup opens, then loaded again whenever a frame
 * of the tab says that its state or what it mentions changed (a live page's new post, the site switch turned in the
 * popup, a page that finished loading after the popup opened). The summary shown stays until the next one arrives,
 * so the list does not flash back to "Reading this page…"; a burst of notices asks once
 * (`POPUP_REFRESH_DEBOUNCE_MS`), and an answer that comes after a newer one is dropped. While the tab is still
 * loading a page nothing answers for yet, it asks again every `POPUP_WAITING_POLL_MS` too: a page that turns out
 * unreadable never speaks.
 */
import { useEffect, useState } from 'preact/hooks';
import { POPUP_REFRESH_DEBOUNCE_MS, POPUP_WAITING_POLL_MS } from '../../timing';
import type { PopupState } from './Popup';

export interface LiveSummarySource {
  load(): Promise<PopupState>;
  /** Calls `onChange` whenever a frame of the tab says its state changed; returns a function that stops it. */
  watchPage(tabId: number, onChange: () => void): () => void;
}

function tabOf(state: PopupState): number | undefined {
  return state.kind === 'loading' ? undefined : state.tabId;
}

export function useLiveSummary(source: LiveSummarySource): PopupState {
  const [state, setState] = useState<PopupState>({ kind: 'loading' });
  useEffect(() => {
    let alive = true;
    let latest = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let unwatch: (() => void) | null = null;
    const load = () => {
      const serial = ++latest;
      void source.load().then((next) => {
        if (!alive || serial !== latest) return;
        setState(next);
        const tabId = tabOf(next);
        if (!unwatch && tabId !== undefined) unwatch = source.watchPage(tabId, () => reloadIn(POPUP_REFRESH_DEBOUNCE_MS));
        if (next.kind === 'waiting') reloadIn(POPUP_WAITING_POLL_MS);
      });
    };
    const reloadIn = (ms: number) => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        load();
      }, ms);
    };
    load();
    return () => {
      alive = false;
      if (timer !== null) clearTimeout(timer);
      unwatch?.();
    };
  }, [source]);
  return state;
}
