/**
 * The guard that keeps a page from retiring our content script with WXT's "a newer copy started" event (see
 * `src/platform/retirement-guard.ts`; the e2e test "(i)" dispatches the real event at the built extension).
 */
import { describe, expect, it } from 'vitest';
import { ignoreRetirementFromPage, retirementEventName } from '../../src/platform/retirement-guard';

const NAME = 'extension-id:content:wxt:content-script-started';

function fakeContext() {
  const onInvalid: (() => void)[] = [];
  const ctx = {
    isValid: true,
    onInvalidated: (callback: () => void) => {
      onInvalid.push(callback);
      return () => undefined;
    },
  };
  return { ctx, invalidate: () => { ctx.isValid = false; for (const callback of onInvalid) callback(); } };
}

/** Dispatches `type` on the document as a page script would, and says whether a listener on the document heard it. */
function heard(type: string): boolean {
  let heardIt = false;
  const listener = () => (heardIt = true);
  document.addEventListener(type, listener);
  document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'content', messageId: 'page' } }));
  document.removeEventListener(type, listener);
  return heardIt;
}

describe('ignoreRetirementFromPage', () => {
  it('stops the event before the document while our context is valid, and only that event', () => {
    const { ctx, invalidate } = fakeContext();
    ignoreRetirementFromPage(ctx, window, NAME);
    expect(heard(NAME)).toBe(false);
    expect(heard('some-other-event')).toBe(true);
    invalidate();
  });

  it('lets it through once the context has gone (a newer copy really started), and stops guarding', () => {
    const { ctx, invalidate } = fakeContext();
    ignoreRetirementFromPage(ctx, window, NAME);
    ctx.isValid = false;
    expect(heard(NAME)).toBe(true);
    ctx.isValid = true;
    invalidate(); // removes the guard
    ctx.isValid = true;
    expect(heard(NAME)).toBe(true);
  });

  it('guards nothing when WXT no longer names the event', () => {
    const { ctx, invalidate } = fakeContext();
    ignoreRetirementFromPage(ctx, window, null);
    expect(heard(NAME)).toBe(true);
    invalidate();
  });
});

describe('retirementEventName', () => {
  it("reads the name from the context's class, and gives null when the class has none", () => {
    class WithName {
      static SCRIPT_STARTED_MESSAGE_TYPE = NAME;
    }
    expect(retirementEventName(new WithName())).toBe(NAME);
    expect(retirementEventName({})).toBeNull();
  });
});
