import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: a reader of a file sees where each name comes from.
  imports: false,
  manifest: {
    name: 'Backstory',
    description:
      'Explains the people, places, groups, events and agreements in the news you read. Offline: nothing leaves your browser.',
    // No permissions: content scripts read pages, the badge needs none, and the popup talks to the tab it was opened on.
    permissions: [],
    action: { default_title: 'Backstory' },
  },
  vite: () => ({ plugins: [preact()] }),
});
