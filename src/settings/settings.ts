/**
 * The reader's settings: typed, with defaults, and stored as only the values that differ from the defaults, so a
 * change of default reaches everyone who never touched that setting.
 */
import { ENTITY_TYPES, type EntityType } from '../kb/entity-types';
import { CARD_OPEN_DELAY_MS } from '../timing';

export type HighlightStyle = 'underline' | 'tint' | 'none';
export type Theme = 'system' | 'light' | 'dark';
/** `everywhere-except`: on for every site but `sites`; `only`: on for `sites` alone. */
export type SiteMode = 'everywhere-except' | 'only';

export interface Settings {
  enabled: boolean;
  siteMode: SiteMode;
  /** Host names ("www.example.com"); a name also covers its subdomains. */
  sites: string[];
  entityTypes: EntityType[];
  highlightStyle: HighlightStyle;
  hoverDelayMs: number;
  theme: Theme;
  firstMentionOnly: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabled: true,
  siteMode: 'everywhere-except',
  sites: [],
  entityTypes: [...ENTITY_TYPES],
  highlightStyle: 'underline',
  hoverDelayMs: CARD_OPEN_DELAY_MS,
  theme: 'system',
  firstMentionOnly: false,
});

/** Hover delays a reader may choose, in milliseconds: below 100 every sweep opens cards, above 2000 nothing feels linked. */
export const HOVER_DELAY_RANGE = { min: 100, max: 2000 } as const;

const HIGHLIGHT_STYLES: readonly HighlightStyle[] = ['underline', 'tint', 'none'];
const THEMES: readonly Theme[] = ['system', 'light', 'dark'];
const SITE_MODES: readonly SiteMode[] = ['everywhere-except', 'only'];

function oneOf<T>(allowed: readonly T[], value: unknown, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, '').replace(/:\d+$/, '');
}

/**
 * Settings from whatever storage holds: unknown keys are dropped and invalid values fall back to the default, so
 * a damaged or future-version store never breaks the extension.
 */
export function withDefaults(stored: unknown): Settings {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS;
  const types = Array.isArray(s.entityTypes) ? s.entityTypes.filter((t): t is EntityType => ENTITY_TYPES.includes(t as EntityType)) : null;
  const delay = typeof s.hoverDelayMs === 'number' && Number.isFinite(s.hoverDelayMs) ? s.hoverDelayMs : d.hoverDelayMs;
  return {
    enabled: typeof s.enabled === 'boolean' ? s.enabled : d.enabled,
    siteMode: oneOf(SITE_MODES, s.siteMode, d.siteMode),
    sites: Array.isArray(s.sites) ? [...new Set(s.sites.filter((x): x is string => typeof x === 'string').map(normalizeHost).filter(Boolean))] : [...d.sites],
    entityTypes: types ?? [...d.entityTypes],
    highlightStyle: oneOf(HIGHLIGHT_STYLES, s.highlightStyle, d.highlightStyle),
    hoverDelayMs: Math.min(HOVER_DELAY_RANGE.max, Math.max(HOVER_DELAY_RANGE.min, Math.round(delay))),
    theme: oneOf(THEMES, s.theme, d.theme),
    firstMentionOnly: typeof s.firstMentionOnly === 'boolean' ? s.firstMentionOnly : d.firstMentionOnly,
  };
}

/** Only the values that differ from the defaults: what is stored. */
export function differencesFromDefaults(settings: Settings): Partial<Settings> {
  const diff: Partial<Settings> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>) {
    if (JSON.stringify(settings[key]) !== JSON.stringify(DEFAULT_SETTINGS[key])) (diff as Record<string, unknown>)[key] = settings[key];
  }
  return diff;
}

function hostCovers(site: string, host: string): boolean {
  return host === site || host.endsWith(`.${site}`);
}

/** Whether Backstory reads pages of `host`. */
export function isEnabledFor(settings: Settings, host: string): boolean {
  if (!settings.enabled) return false;
  // Most readers list no site: then the host needs no normalising (its patterns cost a cold page a fraction of a ms).
  if (!settings.sites.length) return settings.siteMode !== 'only';
  const h = normalizeHost(host);
  const listed = settings.sites.some((site) => hostCovers(site, h));
  return settings.siteMode === 'only' ? listed : !listed;
}

/** The settings with `host` switched on or off, whichever mode the list is in. */
export function withSiteEnabled(settings: Settings, host: string, on: boolean): Settings {
  const h = normalizeHost(host);
  const others = settings.sites.filter((site) => !hostCovers(site, h) && !hostCovers(h, site));
  const listed = settings.siteMode === 'only' ? on : !on;
  return { ...settings, sites: listed ? [...others, h] : others };
}
