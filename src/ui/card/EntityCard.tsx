/**
 * The card that explains one entity. Everything in it is rendered as text (Preact escapes it): a pack, even an
 * imported one, can never put markup into the page.
 */
import type { Entity } from '../../kb/schema';
import { formatDate, officesOn, typeLabel } from '../entity-text';

export interface RelatedEntity {
  id: string;
  name: string;
  /** How this entity relates to it, in words ("spokesperson of"). */
  relation: string;
}

export interface EntityCardProps {
  entity: Entity;
  /** How many times the page mentions it. */
  count: number;
  /** The article's publication date (ISO), when the page gives one. */
  publishedAt?: string | null;
  /** Entities it relates to that the knowledge base holds; each opens its own card. */
  related?: RelatedEntity[];
  onOpenRelated?: (id: string) => void;
}

/** A card is a glance, not an article: the summary and the three facts the pack lists first. */
const MAX_FACTS = 3;
/** Contested facts are folded away; two topics are enough to signal that a subject is disputed. */
const MAX_CLAIMS = 2;
/** Links to the sources of what the card shows, first cited first. */
const MAX_SOURCES = 3;

function citedSources(entity: Entity): Entity['sources'] {
  const shown = entity.facts.slice(0, MAX_FACTS).flatMap((f) => f.sources);
  const ids = [...new Set(shown)].slice(0, MAX_SOURCES);
  return ids.map((id) => entity.sources.find((s) => s.id === id)).filter((s): s is Entity['sources'][number] => !!s);
}

function RoleLine({ entity, publishedAt }: { entity: Entity; publishedAt?: string | null }) {
  if (entity.type !== 'person' || !entity.offices?.length) return null;
  const today = new Date().toISOString();
  const then = publishedAt ? officesOn(entity, publishedAt)[0] : undefined;
  const now = officesOn(entity, today)[0];
  if (then && publishedAt) {
    return (
      <p class="role">
        {then.role} <span class="muted">(at the time of this article, {formatDate(publishedAt.slice(0, 10))})</span>
        {now?.role !== then.role ? <span class="muted"> — now {now ? now.role : 'no longer in that office'}</span> : null}
      </p>
    );
  }
  return now ? <p class="role">{now.role}</p> : null;
}

/** Related entities shown at most: the first ones the pack lists, which its editors put first. */
const MAX_RELATED = 6;

export function EntityCard({ entity, count, publishedAt, related = [], onOpenRelated }: EntityCardProps) {
  return (
    <article class="card" aria-labelledby="backstory-card-name">
      <header>
        <h2 id="backstory-card-name" class="name" tabIndex={-1}>
          {entity.name}
        </h2>
        <span class="type">{typeLabel(entity)}</span>
      </header>
      <RoleLine entity={entity} publishedAt={publishedAt} />
      {entity.when ? (
        <p class="when">
          {formatDate(entity.when.start)}
          {entity.when.end ? ` – ${formatDate(entity.when.end)}` : ''}
        </p>
      ) : null}
      {entity.location ? <p class="when">{entity.location}</p> : null}
      <p class="summary">{entity.summary}</p>
      <ul class="facts">
        {entity.facts.slice(0, MAX_FACTS).map((fact) => (
          <li key={fact.text}>{fact.text}</li>
        ))}
      </ul>
      {entity.claims?.slice(0, MAX_CLAIMS).map((claim) => (
        <details class="claim" key={claim.topic}>
          <summary>Disputed: {claim.topic}</summary>
          <ul>
            {claim.positions.map((p) => (
              <li key={p.claimant}>
                <strong>{p.claimant}:</strong> {p.claim}
              </li>
            ))}
          </ul>
        </details>
      ))}
      {related.length && onOpenRelated ? (
        <nav class="related" aria-label="Related">
          <span class="muted">Related: </span>
          {related.slice(0, MAX_RELATED).map((r, i) => (
            <span key={r.id}>
              {i > 0 ? ', ' : ''}
              <button type="button" class="link" title={r.relation} onClick={() => onOpenRelated(r.id)}>
                {r.name}
              </button>
            </span>
          ))}
        </nav>
      ) : null}
      <footer class="muted">
        <p>{count === 0 ? 'Not mentioned on this page' : count === 1 ? 'Mentioned once on this page' : `Mentioned ${count} times on this page`}</p>
        <p class="sources">
          Sources:{' '}
          {citedSources(entity).map((source, i) => (
            <span key={source.id}>
              {i > 0 ? ', ' : ''}
              <a href={source.url} target="_blank" rel="noopener noreferrer" title={source.title}>
                {source.publisher}
              </a>
            </span>
          ))}
        </p>
      </footer>
    </article>
  );
}
