/**
 * The toolbar popup: a briefing for the page. Its title and date; the background (a short timeline); who's who
 * (people with their roles on the article's date, then places, organisations, concepts), each with its count and a
 * way to jump to it on the page; a filter; switches for this site and for first mention only; a link to settings.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ENTITY_TYPES, TYPE_LABELS, type EntityType } from '../../kb/entity-types';
import type { KnowledgeBase } from '../../kb/knowledge-base';
import type { MentionSummary, PageSummary } from '../../messaging/messages';
import { isEnabledFor, withSiteEnabled, type Settings } from '../../settings/settings';
import { formatDate, oneLine } from '../entity-text';
import { backgroundTimeline } from './timeline';
import { useLiveSummary, type LiveSummarySource } from './use-live-summary';

export type PopupState =
  | { kind: 'loading' }
  /** The tab is still loading a page that no content script answers for yet. */
  | { kind: 'waiting'; tabId: number }
  | { kind: 'unsupported'; reason: string; tabId?: number }
  | { kind: 'summary'; summary: PageSummary; tabId: number };

export interface PopupActions extends LiveSummarySource {
  loadSettings(): Promise<Settings>;
  /** Calls `onChange` with the settings whenever they change (here or elsewhere); returns a function that stops it. */
  watchSettings(onChange: (settings: Settings) => void): () => void;
  /** Applies a change to the settings as stored when it is written (see `OptionsActions.changeSettings`). */
  changeSettings(change: (current: Settings) => Settings): Promise<Settings>;
  /** Scrolls the page to the entity's first mention it shows and flashes it; resolves to whether there was one. */
  reveal(tabId: number, entityId: string): Promise<boolean>;
  openSettings(): void;
}

export interface PopupProps {
  kb: KnowledgeBase;
  actions: PopupActions;
}

/** Who's who comes first: people, then places, organisations and concepts; events and agreements are the background. */
const WHOS_WHO_ORDER: EntityType[] = ['person', 'place', 'organization', 'concept', 'event', 'agreement'];

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function Switch({ label, checked, onChange, id }: { label: string; checked: boolean; onChange: (on: boolean) => void; id: string }) {
  return (
    <label class="switch" for={id}>
      <input id={id} type="checkbox" role="switch" checked={checked} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} />
      <span>{label}</span>
    </label>
  );
}

function Entry({ kb, mention, publishedAt, onReveal }: { kb: KnowledgeBase; mention: MentionSummary; publishedAt: string | null; onReveal: () => Promise<boolean> }) {
  const entity = kb.entities.get(mention.id);
  // "Show on the page" finds nothing to show when every mention is in text the page hides (a closed box, a caption
  // waiting for its slideshow): the reader is told so, instead of a button that seems to do nothing.
  const [unseen, setUnseen] = useState(false);
  return (
    <li class="entity" data-entity={mention.id}>
      <button type="button" class="reveal" onClick={() => void onReveal().then((shown) => setUnseen(!shown))} title="Show on the page">
        <span class="line">
          <span class="name">{mention.name}</span>
          <span class="times" aria-label={`mentioned ${mention.count} times`}>
            ×{mention.count}
          </span>
        </span>
        {entity ? <span class="one-line">{oneLine(entity, publishedAt ?? undefined)}</span> : null}
      </button>
      <p class="unseen" role="status">
        {unseen ? 'Not on show: the page names it only in text it hides for now, such as a closed box.' : ''}
      </p>
    </li>
  );
}

export function Popup({ kb, actions }: PopupProps) {
  const state = useLiveSummary(actions);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    let alive = true;
    actions.loadSettings().then((s) => alive && setSettings(s));
    const unwatch = actions.watchSettings((s) => alive && setSettings(s));
    return () => {
      alive = false;
      unwatch();
    };
  }, [actions]);

  const summary = state.kind === 'summary' ? state.summary : null;
  const timeline = useMemo(() => (summary ? backgroundTimeline(kb, summary.mentions, summary.publishedAt) : []), [kb, summary]);

  if (state.kind === 'loading' || state.kind === 'waiting') return <main class="state" aria-busy="true">Reading this page…</main>;
  if (state.kind === 'unsupported') {
    return (
      <main class="state unsupported">
        <h1>Backstory can’t read this page</h1>
        <p>{state.reason}</p>
        <p>
          <button type="button" class="link" onClick={actions.openSettings}>
            Settings
          </button>
        </p>
      </main>
    );
  }
  const page = state.summary;
  const host = hostOf(page.url);
  const update = (change: (current: Settings) => Settings) => {
    if (settings) setSettings(change(settings));
    void actions.changeSettings(change).then(setSettings);
  };
  const needle = filter.trim().toLowerCase();
  const shown = page.mentions.filter((m) => !needle || m.name.toLowerCase().includes(needle) || m.surfaces.some((s) => s.toLowerCase().includes(needle)));
  const groups = WHOS_WHO_ORDER.map((type) => [type, shown.filter((m) => m.type === type)] as const).filter(([, list]) => list.length > 0);

  return (
    <main>
      <header class="page">
        <h1 title={page.title}>{page.title || page.url}</h1>
        {page.publishedAt ? <p class="published">Published {formatDate(page.publishedAt.slice(0, 10))}</p> : null}
        {/* The list changes while the popup is open (a live page, a switch): a screen reader hears the new count. */}
        <p class="visually-hidden" role="status">
          {page.status === 'ready' ? `${page.mentions.length} ${page.mentions.length === 1 ? 'name' : 'names'} on this page` : ''}
        </p>
      </header>

      {settings ? (
        <div class="controls">
          {settings.enabled ? (
            <Switch id="site-switch" label={`On for ${host || 'this site'}`} checked={isEnabledFor(settings, host)} onChange={(on) => update((current) => withSiteEnabled(current, host, on))} />
          ) : (
            // Paused everywhere (in the settings): no site's switch could turn it on, so the popup offers the one that can.
            <p class="paused">
              Paused everywhere.{' '}
              <button type="button" id="resume" class="link" onClick={() => update((current) => ({ ...current, enabled: true }))}>
                Resume
              </button>
            </p>
          )}
          <Switch id="first-mention" label="First mention only" checked={settings.firstMentionOnly} onChange={(on) => update((current) => ({ ...current, firstMentionOnly: on }))} />
          <button type="button" class="link" onClick={actions.openSettings}>
            Settings
          </button>
        </div>
      ) : null}

      {page.status === 'disabled' ? (
        <p class="state">{settings && !settings.enabled ? 'Backstory is paused on every site.' : 'Backstory is turned off for this page.'}</p>
      ) : page.mentions.length === 0 ? (
        <p class="state empty">
          {page.status === 'scanning'
            ? 'Still reading this page…'
            : // The page lists only the kinds of names the reader keeps: with some left out, "nothing" is only of those.
              settings && settings.entityTypes.length < ENTITY_TYPES.length
              ? 'Nothing on this page that Backstory can explain yet, among the kinds of names you chose to see (Settings).'
              : 'Nothing on this page that Backstory can explain yet.'}
        </p>
      ) : (
        <>
          {timeline.length ? (
            <section class="timeline" aria-labelledby="timeline-title">
              <h2 id="timeline-title">Background</h2>
              <ol>
                {timeline.map((item) => (
                  <li key={`${item.entity.id}|${item.date}|${item.line}`} class={item.kind}>
                    <time dateTime={item.date}>{formatDate(item.date)}</time> <strong>{item.entity.name}</strong>
                    {item.kind === 'related' ? ' (background)' : ''} — {item.line}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
          <label class="filter" for="filter">
            <span class="visually-hidden">Filter names</span>
            <input id="filter" type="search" placeholder="Filter names" value={filter} onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} />
          </label>
          {groups.map(([type, list]) => (
            <section class="group" key={type} aria-labelledby={`group-${type}`}>
              <h2 id={`group-${type}`}>
                {TYPE_LABELS[type].many} <span class="count">{list.length}</span>
              </h2>
              <ul>
                {list.map((m) => (
                  <Entry key={m.id} kb={kb} mention={m} publishedAt={page.publishedAt} onReveal={() => actions.reveal(state.tabId, m.id)} />
                ))}
              </ul>
            </section>
          ))}
          {groups.length === 0 ? <p class="state">No name matches “{filter}”.</p> : null}
        </>
      )}
    </main>
  );
}
