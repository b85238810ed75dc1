/**
 * The one element Backstory adds to a page: `<backstory-ui>`, created when the first card opens. Its shadow root
 * holds the card, so page styles cannot restyle it and it cannot restyle the page.
 */
import { computePosition, flip, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import type { Entity } from '../../kb/schema';
import { EntityCard } from '../card/EntityCard';
import cardCss from '../card/card.css?inline';

export const HOST_TAG = 'backstory-ui';

/** Gap between the mention's line and the card, and the card's margin from the viewport edges, in CSS px. */
const CARD_GAP_PX = 6;
const VIEWPORT_PADDING_PX = 8;
/** Below this the card would show too little to be worth opening; it overlaps the edge instead. */
const MIN_CARD_HEIGHT_PX = 160;

export interface CardRequest {
  entity: Entity;
  count: number;
  publishedAt: string | null;
  /** The line box of the mention under the pointer (viewport coordinates). */
  anchor: DOMRect;
}

export class TooltipHost {
  private host: HTMLElement | null = null;
  private container: HTMLDivElement | null = null;

  constructor(
    private readonly doc: Document,
    private readonly onPointerInside: (inside: boolean) => void,
  ) {}

  /**
   * Where the host belongs: in a fullscreen element while one is shown (only its subtree is visible then), else on
   * `<html>` (pages replace or re-render their body, and the card must survive that).
   */
  private hostParent(): Element {
    const fullscreen = this.doc.fullscreenElement;
    return fullscreen && fullscreen.tagName !== 'IFRAME' ? fullscreen : this.doc.documentElement;
  }

  private ensureHost(): HTMLDivElement {
    if (this.container && this.host?.isConnected) {
      const parent = this.hostParent();
      if (this.host.parentNode !== parent) parent.append(this.host);
      return this.container;
    }
    this.host?.remove();
    const host = this.doc.createElement(HOST_TAG);
    const shadow = host.attachShadow({ mode: 'open' });
    const style = this.doc.createElement('style');
    style.textContent = cardCss;
    const container = this.doc.createElement('div');
    container.className = 'tooltip';
    container.setAttribute('role', 'tooltip');
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

  show(request: CardRequest): void {
    const container = this.ensureHost();
    render(<EntityCard entity={request.entity} count={request.count} publishedAt={request.publishedAt} />, container);
    container.style.maxHeight = '';
    container.hidden = false;
    // The anchor is the line under the pointer, a snapshot: the hover controller closes the card on scroll.
    const anchor = { getBoundingClientRect: () => request.anchor };
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
            container.style.maxHeight = `${Math.max(MIN_CARD_HEIGHT_PX, Math.floor(availableHeight))}px`;
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
