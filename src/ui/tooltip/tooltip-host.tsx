/**
 * The one element Backstory adds to a page: `<backstory-ui>`, created when the first card opens. Its shadow root
 * holds the card, so page styles cannot restyle it and it cannot restyle the page.
 */
import { computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import type { Entity } from '../../kb/schema';
import type { Theme } from '../../settings/settings';
import { CardView } from '../card/CardView';
import cardCss from '../card/card.css?inline';

export const HOST_TAG = 'backstory-ui';

/** Gap between the mention's line and the card, and the card's margin from the viewport edges, in CSS px. */
const CARD_GAP_PX = 6;
const VIEWPORT_PADDING_PX = 8;
/** Below this the card would show too little to be worth opening; it overlaps the edge instead. */
const MIN_CARD_HEIGHT_PX = 160;
/**
 * Tallest card, however much room the viewport has: a card is a glance beside the line being read, and a long entry
 * (facts, disputed points, related names) scrolls inside it rather than covering the article. `card.css` gives the
 * same cap before the card is placed.
 */
export const CARD_MAX_HEIGHT_PX = 440;

export interface CardRequest {
  entity: Entity;
  publishedAt: string | null;
  /** The line box of the mention (viewport coordinates). */
  anchor: DOMRect;
  /** Stays open until closed: a clicked mention, or one reached from the keyboard. */
  pinned: boolean;
  theme: Theme;
  countOf(id: string): number;
  nameOf(id: string): string | null;
  loadEntity(id: string): Promise<Entity | null>;
}

export class TooltipHost {
  private host: HTMLElement | null = null;
  private container: HTMLDivElement | null = null;
  /** The page has its own element named `HOST_TAG`, which cannot take our shadow root (see `ensureHost`). */
  private nameClaimed = false;

  constructor(
    private readonly doc: Document,
    private readonly onPointerInside: (inside: boolean) => void,
    private readonly onCloseRequested: () => void,
  ) {}

  /**
   * Where the host belongs: in a fullscreen element while one is shown (only its subtree is visible then), else on
   * `<html>` (pages replace or re-render their body, and the card must survive that).
   */
  private hostParent(): Element {
    const fullscreen = this.doc.fullscreenElement;
    return fullscreen && fullscreen.tagName !== 'IFRAME' ? fullscreen : this.doc.documentElement;
  }

  /** The card's container, made (with the host) on first use; null on a page that claimed the host's name. */
  private ensureHost(): HTMLDivElement | null {
    if (this.container && this.host?.isConnected) {
      const parent = this.hostParent();
      if (this.host.parentNode !== parent) parent.append(this.host);
      return this.container;
    }
    if (this.nameClaimed) return null;
    this.host?.remove();
    const host = this.doc.createElement(HOST_TAG);
    let shadow: ShadowRoot;
    try {
      shadow = host.attachShadow({ mode: 'open' });
    } catch {
      // The page defined an element of that name with a shadow root of its own (or one that cannot have one): there
      // is no host for a card on this page, and no other name would keep the one-host-element contract. The page
      // keeps its highlights and the popup; it gets no card, and no error of ours.
      this.nameClaimed = true;
      return null;
    }
    const style = this.doc.createElement('style');
    style.textContent = cardCss;
    const container = this.doc.createElement('div');
    container.className = 'tooltip';
    // A non-modal dialog: screen readers announce its name when it opens, and its links and buttons take focus.
    container.setAttribute('role', 'dialog');
    container.setAttribute('aria-modal', 'false');
    container.setAttribute('aria-labelledby', 'backstory-card-name');
    container.hidden = true;
    container.addEventListener('pointerenter', () => this.onPointerInside(true));
    container.addEventListener('pointerleave', () => this.onPointerInside(false));
    shadow.append(style, container);
    this.hostParent().append(host);
    this.host = host;
    this.container = container;
    return container;
  }

  get isOpen(): boolean {
    return !!this.container && !this.container.hidden;
  }

  /** Whether an event happened inside the card (the host is one node for the page: composed paths pass through it). */
  contains(event: Event): boolean {
    return !!this.host && event.composedPath().includes(this.host);
  }

  show(request: CardRequest): void {
    const container = this.ensureHost();
    if (!container) return;
    this.cancelPageZoom();
    container.dataset.theme = request.theme;
    container.dataset.pinned = String(request.pinned);
    container.style.maxHeight = '';
    const place = () => this.place(container, request.anchor);
    render(
      <CardView
        entity={request.entity}
        publishedAt={request.publishedAt}
        pinned={request.pinned}
        countOf={request.countOf}
        nameOf={request.nameOf}
        loadEntity={request.loadEntity}
        onClose={this.onCloseRequested}
        onResize={place}
      />,
      container,
    );
    container.hidden = false;
    place();
  }

  /**
   * A page that sets CSS `zoom` on its root would zoom the card too, and put it where the zoomed coordinates say
   * rather than next to the mention: the host undoes the zoom it inherits, so the card keeps its size and place.
   */
  private cancelPageZoom(): void {
    const parent = this.host?.parentElement as (Element & { currentCSSZoom?: number }) | null | undefined;
    const zoom = parent?.currentCSSZoom ?? 1;
    if (this.host) this.host.style.zoom = zoom && zoom !== 1 ? String(1 / zoom) : '';
  }

  /** Moves the open card next to its anchor's new position (a pinned card following the page's scroll). */
  reanchor(anchor: DOMRect): void {
    if (this.container && this.isOpen) this.place(this.container, anchor);
  }

  /** Keyboard focus into the card (its heading), for cards opened from the keyboard. */
  focus(): void {
    this.container?.querySelector<HTMLElement>('.name')?.focus();
  }

  private place(container: HTMLDivElement, anchorRect: DOMRect): void {
    // The anchor is the line of the mention, a snapshot: the controller closes hover cards on scroll.
    const anchor = { getBoundingClientRect: () => anchorRect };
    void computePosition(anchor, container, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(CARD_GAP_PX),
        flip({ padding: VIEWPORT_PADDING_PX }),
        shift({ padding: VIEWPORT_PADDING_PX }),
        // Where neither side has room for the whole card, it takes the room there is and scrolls inside.
        size({
          padding: VIEWPORT_PADDING_PX,
          apply: ({ availableHeight }) => {
            container.style.maxHeight = `${Math.min(CARD_MAX_HEIGHT_PX, Math.max(MIN_CARD_HEIGHT_PX, Math.floor(availableHeight)))}px`;
          },
        }),
      ],
    }).then(({ x, y }) => {
      container.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
    });
  }

  hide(): void {
    if (this.container) {
      this.container.hidden = true;
      render(null, this.container);
    }
  }

  dispose(): void {
    this.hide();
    this.host?.remove();
    this.host = null;
    this.container = null;
  }
}
