/**
 * What the page changed since Backstory last read it, from its mutation records: the nodes whose regions are to be
 * read again (`PageAnnotator.update`), and whether frames were taken out of the page (the badge may then count a page
 * that is gone). Changes that cannot change what is read are left out: our own host's, and a dialog hiding the page
 * from screen readers.
 */
import { HOST_TAG } from '../ui/tooltip/tooltip-host';
import { changesWholeBlocks, isBlankText, isPageTopLevel } from './text-blocks';

/** Elements that show a document of their own, where a content script of ours may run. */
const FRAME_ELEMENTS = 'iframe, frame, object, embed';

function isOwnNode(node: Node): boolean {
  return node.nodeName.toLowerCase() === HOST_TAG;
}

/** Whether a node taken out of the page is, or holds, a frame. */
function holdsFrame(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const element = node as Element;
  return element.matches(FRAME_ELEMENTS) || (element.firstElementChild !== null && element.querySelector(FRAME_ELEMENTS) !== null);
}

/** A change that cannot change what is read: our own host's, or a dialog hiding the page from screen readers. */
function changesNothingRead(record: MutationRecord): boolean {
  if (record.type === 'attributes') {
    const dialogScreen = record.attributeName === 'aria-hidden' && record.target.nodeType === 1 && isPageTopLevel(record.target as Element);
    return dialogScreen || isOwnNode(record.target);
  }
  if (record.type !== 'childList') return false;
  const changed = [...record.addedNodes, ...record.removedNodes];
  return changed.length > 0 && changed.every(isOwnNode);
}

export class PageChanges {
  private readonly nodes = new Set<Node>();
  private framesWentOut = false;

  constructor(private readonly doc: Document) {}

  /** Takes in a batch of records. Returns whether any of them can change what is read. */
  note(records: readonly MutationRecord[]): boolean {
    let relevant = false;
    for (const record of records) {
      if (changesNothingRead(record)) continue;
      relevant = true;
      this.noteRegion(record);
      if (!this.framesWentOut && record.removedNodes.length) this.framesWentOut = [...record.removedNodes].some(holdsFrame);
    }
    return relevant;
  }

  /** How many regions wait to be read again. */
  get size(): number {
    return this.nodes.size;
  }

  /** The nodes whose regions wait to be read again, handed over (none wait afterwards). */
  take(): Node[] {
    const nodes = [...this.nodes];
    this.nodes.clear();
    return nodes;
  }

  /** Forgets the regions waiting (the whole page is read again anyway). */
  clear(): void {
    this.nodes.clear();
  }

  /** Whether frames were taken out of the page since the background was last told (`takeFramesRemoved`). */
  get framesRemoved(): boolean {
    return this.framesWentOut;
  }

  /** Says frames were taken out, once: the background has been told. */
  takeFramesRemoved(): boolean {
    const removed = this.framesWentOut;
    this.framesWentOut = false;
    return removed;
  }

  /**
   * Where to read again after a change: the changed node's region. Nodes added to or taken from the page's top level
   * (the ads, toasts and dialogs that scripts append to the body), or whole blocks added to or taken from a container
   * (a live page's new post), are their own regions: the container's region may be the whole page or article, which
   * would be read again for each of them. White space and comments between blocks are no region at all.
   */
  private noteRegion(record: MutationRecord): void {
    const topLevel = record.target === this.doc.body || record.target === this.doc.documentElement;
    if (record.type === 'childList' && (topLevel || changesWholeBlocks(record))) {
      for (const nodes of [record.addedNodes, record.removedNodes]) {
        for (const node of nodes) if (node.nodeType === 1 || (node.nodeType === 3 && !isBlankText(node))) this.nodes.add(node);
      }
    } else {
      this.nodes.add(record.target);
    }
  }
}
