/**
 * The card as the reader uses it: an entity's card, related entities opening their own card inside it with a way
 * back, and a close button when the card is pinned or opened from the keyboard.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Entity } from '../../kb/schema';
import { EntityCard, type RelatedEntity } from './EntityCard';

export interface CardViewProps {
  entity: Entity;
  publishedAt: string | null;
  /** Whether the card stays open until closed (clicked, or opened from the keyboard). */
  pinned: boolean;
  countOf(id: string): number;
  nameOf(id: string): string | null;
  loadEntity(id: string): Promise<Entity | null>;
  onClose(): void;
  /** The card changed size (another entity shown): place it again. */
  onResize(): void;
}

function relationWords(type: string): string {
  return type.replace(/-/g, ' ');
}

export function CardView({ entity, publishedAt, pinned, countOf, nameOf, loadEntity, onClose, onResize }: CardViewProps) {
  const [stack, setStack] = useState<Entity[]>([entity]);
  const top = stack[stack.length - 1];
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => setStack([entity]), [entity]);
  useEffect(() => {
    onResize();
    // After moving to another entity, keyboard focus follows to the new card.
    if (stack.length > 1) heading.current?.querySelector<HTMLElement>('.name')?.focus();
  }, [top]);

  const related: RelatedEntity[] = [];
  for (const r of top.relations ?? []) {
    const name = nameOf(r.target);
    if (name && !related.some((x) => x.id === r.target)) related.push({ id: r.target, name, relation: relationWords(r.type) });
  }
  const open = (id: string) =>
    void loadEntity(id).then((next) => {
      if (next) setStack((s) => [...s, next]);
    });

  return (
    <div ref={heading}>
      {stack.length > 1 || pinned ? (
        <div class="card-bar">
          {stack.length > 1 ? (
            <button type="button" class="link back" onClick={() => setStack((s) => s.slice(0, -1))}>
              ← {stack[stack.length - 2].name}
            </button>
          ) : (
            <span />
          )}
          <button type="button" class="close" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </div>
      ) : null}
      <EntityCard entity={top} count={countOf(top.id)} publishedAt={publishedAt} related={related} onOpenRelated={open} />
    </div>
  );
}
