/**
 * The toolbar popup: what the active page mentions, grouped by type, with counts and one line each.
 */
import { useEffect, useState } from 'preact/hooks';
import { ENTITY_TYPES, TYPE_LABELS } from '../../kb/entity-types';
import type { KnowledgeBase } from '../../kb/knowledge-base';

import type { MentionSummary, PageSummary } from '../../messaging/messages';
import { formatDate, oneLine } from '../entity-text';

export type PopupState =
  | { kind: 'loading' }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'summary'; summary: PageSummary };

export interface PopupProps {
  kb: KnowledgeBase;
  load(): Promise<PopupState>;
}

function Group({ kb, type, mentions, publishedAt }: { kb: KnowledgeBase; type: (typeof ENTITY_TYPES)[number]; mentions: MentionSummary[]; publishedAt: string | null }) {
  return (
    <section class="group" aria-labelledby={`group-${type}`}>
      <h2 id={`group-${type}`}>
        {TYPE_LABELS[type].many} <span class="count">{mentions.length}</span>
      </h2>
      <ul>
        {mentions.map((m) => {
          const entity = kb.entities.get(m.id);
          return (
            <li key={m.id} class="entity" data-entity={m.id}>
              <div class="line">
                <span class="name">{m.name}</span>
                <span class="times" title={`Mentioned ${m.count} times`}>
                  ×{m.count}
                </span>
              </div>
              {entity ? <p class="one-line">{oneLine(entity, publishedAt ?? undefined)}</p> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function Popup({ kb, load }: PopupProps) {
  const [state, setState] = useState<PopupState>({ kind: 'loading' });
  useEffect(() => {
    let alive = true;
    load().then((s) => alive && setState(s));
    return () => {
      alive = false;
    };
  }, [load]);

  if (state.kind === 'loading') return <main class="state" aria-busy="true">Reading this page…</main>;
  if (state.kind === 'unsupported') {
    return (
      <main class="state unsupported">
        <h1>Backstory can’t read this page</h1>
        <p>{state.reason}</p>
      </main>
    );
  }
  const { summary } = state;
  const byType = ENTITY_TYPES.map((type) => [type, summary.mentions.filter((m) => m.type === type)] as const).filter(
    ([, list]) => list.length > 0,
  );
  return (
    <main>
      <header class="page">
        <h1 title={summary.title}>{summary.title || summary.url}</h1>
        {summary.publishedAt ? <p class="published">Published {formatDate(summary.publishedAt.slice(0, 10))}</p> : null}
      </header>
      {summary.status === 'disabled' ? (
        <p class="state">Backstory is turned off for this page.</p>
      ) : summary.mentions.length === 0 ? (
        <p class="state empty">
          {summary.status === 'scanning' ? 'Still reading this page…' : 'Nothing on this page that Backstory can explain yet.'}
        </p>
      ) : (
        byType.map(([type, list]) => <Group key={type} kb={kb} type={type} mentions={list} publishedAt={summary.publishedAt} />)
      )}
    </main>
  );
}
