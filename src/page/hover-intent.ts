/**
 * Hover intent: a card opens after the pointer rests on a mention, not when it merely crosses one; it stays open
 * while the pointer travels into it; Esc, scrolling away or leaving for long enough closes it.
 */
import { CARD_CLOSE_GRACE_MS, CARD_OPEN_DELAY_MS } from '../timing';

export interface HoverTarget<T> {
  key: string;
  value: T;
  anchor: DOMRect;
}

export interface HoverIntentOptions<T> {
  /** What is under the point, if anything. */
  hitTest(x: number, y: number): HoverTarget<T> | null;
  open(target: HoverTarget<T>): void;
  close(): void;
  setTimeout(callback: () => void, ms: number): number;
  clearTimeout(id: number): void;
  openDelayMs?: number;
  closeGraceMs?: number;
}

export class HoverIntent<T> {
  private openKey: string | null = null;
  private pendingKey: string | null = null;
  private openTimer: number | null = null;
  private closeTimer: number | null = null;
  private insideCard = false;

  private openDelayMs: number;

  constructor(private readonly options: HoverIntentOptions<T>) {
    this.openDelayMs = options.openDelayMs ?? CARD_OPEN_DELAY_MS;
  }

  /** The reader's chosen dwell before a card opens. */
  setOpenDelay(ms: number): void {
    this.openDelayMs = ms;
  }

  private pinned = false;

  get isPinned(): boolean {
    return this.pinned;
  }

  /**
   * Opens a target at once and keeps it open until dismissed (a click on a mention, or keyboard stepping): the
   * pointer leaving it no longer closes it.
   */
  pin(target: HoverTarget<T>): void {
    this.cancelOpen();
    this.cancelClose();
    this.pinned = true;
    this.openKey = target.key;
    this.options.open(target);
  }

  get openTargetKey(): string | null {
    return this.openKey;
  }

  pointerMoved(x: number, y: number): void {
    if (this.pinned) return;
    const target = this.options.hitTest(x, y);
    if (target && target.key === this.openKey) {
      this.cancelClose();
      this.cancelOpen();
      return;
    }
    if (target) {
      if (target.key !== this.pendingKey) {
        this.cancelOpen();
        this.pendingKey = target.key;
        this.openTimer = this.options.setTimeout(() => {
          this.openTimer = null;
          this.pendingKey = null;
          this.cancelClose();
          this.openKey = target.key;
          this.options.open(target);
        }, this.openDelayMs);
      }
    } else {
      this.cancelOpen();
    }
    if (this.openKey && !this.insideCard) this.scheduleClose();
  }

  /** The pointer entered or left the card itself. */
  pointerInsideCard(inside: boolean): void {
    this.insideCard = inside;
    if (this.pinned) return;
    if (inside) this.cancelClose();
    else if (this.openKey) this.scheduleClose();
  }

  /** Esc, scroll, page change: close now. */
  dismiss(): void {
    this.cancelOpen();
    this.cancelClose();
    this.pinned = false;
    if (this.openKey) {
      this.openKey = null;
      this.insideCard = false;
      this.options.close();
    }
  }

  private scheduleClose(): void {
    if (this.closeTimer !== null) return;
    this.closeTimer = this.options.setTimeout(() => {
      this.closeTimer = null;
      this.dismiss();
    }, this.options.closeGraceMs ?? CARD_CLOSE_GRACE_MS);
  }

  private cancelOpen(): void {
    if (this.openTimer !== null) this.options.clearTimeout(this.openTimer);
    this.openTimer = null;
    this.pendingKey = null;
  }

  private cancelClose(): void {
    if (this.closeTimer !== null) this.options.clearTimeout(this.closeTimer);
    this.closeTimer = null;
  }
}
