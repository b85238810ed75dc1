import { render } from 'preact';
import { bundledKnowledgeBase } from '../../src/kb/knowledge-base';
import { bundledPacks } from '../../src/kb/packs';
import type { PackManifest } from '../../src/kb/schema';
import { importPack, loadUserPacks, removeUserPack } from '../../src/kb/user-packs';
import { loadSettings, resetSettings, updateSettings, watchSettings } from '../../src/settings/settings-store';
import { EXPORT_URL_LIFETIME_MS } from '../../src/timing';
import { followThemeSetting } from '../../src/ui/follow-theme';
import { Options, type OptionsActions } from '../../src/ui/options/Options';
import '../../src/ui/theme.css';
import './options.css';

const kb = bundledKnowledgeBase();
const bundledIds = new Set(kb.entities.keys());
const bundledPackIds = new Set(kb.packs.map((p) => p.id));

const actions: OptionsActions = {
  loadSettings,
  changeSettings: updateSettings,
  watchSettings,
  resetSettings,
  loadPacks: loadUserPacks,
  importPack: (text) => importPack(text, bundledIds, bundledPackIds),
  removePack: removeUserPack,
  exportPack: (pack) => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(pack, null, 2)], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: `${pack.manifest.id}.json` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), EXPORT_URL_LIFETIME_MS);
  },
  bundledPacks: bundledPacks.map((p) => ({ id: (p.manifest as PackManifest).id, title: (p.manifest as PackManifest).title, entities: p.entities.length })),
};

// Drawn once the reader's theme is on, so that a dark settings page does not open white.
void followThemeSetting(document.documentElement, loadSettings, watchSettings).then(() => render(<Options actions={actions} />, document.getElementById('app')!));
