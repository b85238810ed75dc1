/**
 * The settings page: where Backstory runs, what it highlights and how, and the reader's own knowledge packs.
 */
import { useEffect, useState } from 'preact/hooks';
import { ENTITY_TYPES, TYPE_LABELS } from '../../kb/entity-types';
import type { Pack } from '../../kb/schema';
import type { ImportResult } from '../../kb/user-packs';
import type { PackProblem } from '../../kb/validate';
import { DEFAULT_SETTINGS, HOVER_DELAY_RANGE, normalizeHost, type Settings } from '../../settings/settings';

export interface OptionsActions {
  loadSettings(): Promise<Settings>;
  /**
   * Applies a change to the settings as stored when it is written, and resolves to the result: the popup may have
   * changed them since this page loaded them (a site switched off), and writing this page's copy would undo that.
   */
  changeSettings(change: (current: Settings) => Settings): Promise<Settings>;
  /** Calls `onChange` with the settings whenever they change (here or elsewhere); returns a function that stops it. */
  watchSettings(onChange: (settings: Settings) => void): () => void;
  resetSettings(): Promise<void>;
  loadPacks(): Promise<Pack[]>;
  importPack(text: string): Promise<ImportResult>;
  removePack(id: string): Promise<void>;
  exportPack(pack: Pack): void;
  bundledPacks: Array<{ id: string; title: string; entities: number }>;
}

export function Options({ actions }: { actions: OptionsActions }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [packs, setPacks] = useState<Pack[]>([]);
  const [newSite, setNewSite] = useState('');
  const [importState, setImportState] = useState<{ message: string; problems: PackProblem[] } | null>(null);
  const [saved, setSaved] = useState('');

  useEffect(() => {
    void actions.loadSettings().then(setSettings);
    void actions.loadPacks().then(setPacks);
    return actions.watchSettings(setSettings);
  }, [actions]);

  if (!settings) return <main aria-busy="true">Loading settings…</main>;

  // Shown at once, then as stored. `change` may run again later on newer settings: it takes no event, only values.
  const update = (change: (current: Settings) => Settings) => {
    setSettings(change(settings));
    void actions.changeSettings(change).then((stored) => {
      setSettings(stored);
      setSaved('Saved.');
    });
  };
  /** One setting to a new value (read from the event before the change runs). */
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => update((current) => ({ ...current, [key]: value }));

  const addSite = (event: Event) => {
    event.preventDefault();
    const host = normalizeHost(newSite);
    if (!host || settings.sites.includes(host)) return;
    update((current) => (current.sites.includes(host) ? current : { ...current, sites: [...current.sites, host] }));
    setNewSite('');
  };

  const onImport = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = await actions.importPack(await file.text());
    if (result.ok) {
      setImportState({ message: `Imported “${result.pack.manifest.title}” (${result.pack.entities.length} entities)${result.replaced ? ', replacing the earlier version' : ''}.`, problems: [] });
      setPacks(await actions.loadPacks());
    } else {
      setImportState({ message: `Nothing was imported: ${file.name} has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}.`, problems: result.problems });
    }
  };

  return (
    <main>
      <h1>Backstory settings</h1>
      <p class="saved" role="status" aria-live="polite">
        {saved}
      </p>

      <section aria-labelledby="where">
        <h2 id="where">Where Backstory runs</h2>
        <label class="row">
          <input type="checkbox" checked={settings.enabled} onChange={(e) => set('enabled', (e.currentTarget as HTMLInputElement).checked)} />
          On (turn off to pause Backstory everywhere)
        </label>
        <fieldset>
          <legend>Sites</legend>
          <label class="row">
            <input type="radio" name="site-mode" checked={settings.siteMode === 'everywhere-except'} onChange={() => set('siteMode', 'everywhere-except')} />
            Every site except those listed
          </label>
          <label class="row">
            <input type="radio" name="site-mode" checked={settings.siteMode === 'only'} onChange={() => set('siteMode', 'only')} />
            Only the sites listed
          </label>
          <ul class="sites" aria-label="Listed sites">
            {settings.sites.map((site) => (
              <li key={site}>
                {site}{' '}
                <button type="button" onClick={() => update((current) => ({ ...current, sites: current.sites.filter((s) => s !== site) }))} aria-label={`Remove ${site}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <form onSubmit={addSite} class="row">
            <label for="new-site">Add a site</label>
            <input id="new-site" type="text" placeholder="www.example.com" value={newSite} onInput={(e) => setNewSite((e.currentTarget as HTMLInputElement).value)} />
            <button type="submit">Add</button>
          </form>
        </fieldset>
      </section>

      <section aria-labelledby="what">
        <h2 id="what">What it highlights</h2>
        <fieldset>
          <legend>Types of names</legend>
          {ENTITY_TYPES.map((type) => (
            <label class="row" key={type}>
              <input
                type="checkbox"
                checked={settings.entityTypes.includes(type)}
                onChange={(e) => {
                  const on = (e.currentTarget as HTMLInputElement).checked;
                  update((current) => ({
                    ...current,
                    entityTypes: on ? ENTITY_TYPES.filter((t) => t === type || current.entityTypes.includes(t)) : current.entityTypes.filter((t) => t !== type),
                  }));
                }}
              />
              {TYPE_LABELS[type].many}
            </label>
          ))}
        </fieldset>
        <label class="row">
          <input type="checkbox" checked={settings.firstMentionOnly} onChange={(e) => set('firstMentionOnly', (e.currentTarget as HTMLInputElement).checked)} />
          Highlight only the first mention of each name
        </label>
      </section>

      <section aria-labelledby="how">
        <h2 id="how">How it looks</h2>
        <label class="row" for="style">
          Highlight style
          <select id="style" value={settings.highlightStyle} onChange={(e) => set('highlightStyle', (e.currentTarget as HTMLSelectElement).value as Settings['highlightStyle'])}>
            <option value="underline">Dotted underline (a tint on very long pages)</option>
            <option value="tint">Background tint</option>
            <option value="none">None (cards still open on hover)</option>
          </select>
        </label>
        <label class="row" for="delay">
          Hover delay before a card opens (ms)
          <input
            id="delay"
            type="number"
            min={HOVER_DELAY_RANGE.min}
            max={HOVER_DELAY_RANGE.max}
            step={50}
            value={settings.hoverDelayMs}
            onChange={(e) => set('hoverDelayMs', Number((e.currentTarget as HTMLInputElement).value) || DEFAULT_SETTINGS.hoverDelayMs)}
          />
        </label>
        <label class="row" for="theme">
          Theme
          <select id="theme" value={settings.theme} onChange={(e) => set('theme', (e.currentTarget as HTMLSelectElement).value as Settings['theme'])}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </section>

      <section aria-labelledby="packs">
        <h2 id="packs">Knowledge packs</h2>
        <ul>
          {actions.bundledPacks.map((p) => (
            <li key={p.id}>
              {p.title} — {p.entities} entities (built in)
            </li>
          ))}
          {packs.map((p) => (
            <li key={p.manifest.id} data-pack={p.manifest.id}>
              {p.manifest.title} — {p.entities.length} entities (imported, version {p.manifest.version}){' '}
              <button type="button" onClick={() => actions.exportPack(p)}>
                Export
              </button>{' '}
              <button type="button" onClick={async () => { await actions.removePack(p.manifest.id); setPacks(await actions.loadPacks()); }}>
                Remove
              </button>
            </li>
          ))}
        </ul>
        <label class="row" for="import">
          Import a pack (JSON)
          <input id="import" type="file" accept="application/json,.json" onChange={(e) => void onImport(e)} />
        </label>
        {importState ? (
          <div class={importState.problems.length ? 'import-result error' : 'import-result'} role="status">
            <p>{importState.message}</p>
            {importState.problems.length ? (
              <ul class="problems">
                {importState.problems.map((p, i) => (
                  <li key={i}>
                    <code>{p.entry}</code> → <code>{p.field}</code>: {p.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </section>

      <section aria-labelledby="reset">
        <h2 id="reset">Reset</h2>
        <button type="button" onClick={async () => { await actions.resetSettings(); setSettings(await actions.loadSettings()); setSaved('Settings reset to their defaults.'); }}>
          Reset settings to defaults
        </button>
      </section>
    </main>
  );
}
