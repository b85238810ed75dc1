/**
 * WXT retires a content script when a newer copy of it starts in the same page: the newer copy dispatches a DOM
 * event on `document`, named after the extension's id, and the older one's context ends on hearing it. A page can
 * dispatch that event too, once it knows the id (a store extension's id is public), and so switch Backstory off on
 * itself. A newer copy can only start after this one's extension context has gone (the extension was updated or
 * reloaded, which ends `ctx.isValid`), so while it is valid the event comes from the page, and is stopped before
 * WXT's listener hears it.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * The event's name: a static of the context's class that WXT keeps to itself. Null if a WXT version no longer has it
 * (the e2e test "(i)" then fails).
 */
export function retirementEventName(ctx: object): string | null {
  const name = (ctx.constructor as { SCRIPT_STARTED_MESSAGE_TYPE?: unknown }).SCRIPT_STARTED_MESSAGE_TYPE;
  return typeof name === 'string' ? name : null;
}

export function ignoreRetirementFromPage(
  ctx: Pick<ContentScriptContext, 'isValid' | 'onInvalidated'>,
  win: Window,
  name = retirementEventName(ctx),
): void {
  if (!name) return;
  // Capturing on the window runs before any listener on the document, WXT's included.
  const guard = (event: Event) => {
    if (ctx.isValid) event.stopImmediatePropagation();
  };
  win.addEventListener(name, guard, { capture: true });
  ctx.onInvalidated(() => win.removeEventListener(name, guard, { capture: true }));
}
