import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';

export default defineConfig({
  // Explicit imports everywhere: a reader of a file sees where each name comes from.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Backstory',
    description:
      'Explains the people, places, groups, events and agreements in the news you read. Offline: nothing leaves your browser.',
    // `storage` keeps the reader's settings. Nothing else: content scripts read pages through their match patterns,
    // the badge needs no permission, and the popup talks only to the tab it was opened on.
    permissions: ['storage'],
    action: { default_title: 'Backstory' },
    // Chrome 148+: messages are copied with the structured clone algorithm instead of JSON. A page sends its whole
    // text to the background: with our texts (strings read from the page) the page's main thread spent 12–19 ms in
    // `sendMessage` for the 2 MB benchmark page cloned, 24–50 ms as JSON. Either way Chrome's message pipe costs about
    // 4.5 ns a byte (a bare 2 MB ArrayBuffer takes 9 ms), so a string with any character past U+00FF, which V8
    // stores at two bytes a character, costs twice as much. Older Chrome ignores the key and keeps JSON; Firefox
    // clones already.
    // Chrome 123 is the oldest with every feature used here: light-dark() in the popup's and settings page's colours
    // (123), checkVisibility's visibilityProperty (121), the CSS Custom Highlight API (105).
    ...(browser === 'firefox' ? {} : { message_serialization: 'structured_clone', minimum_chrome_version: '123' }),
    ...(browser === 'firefox'
      ? {
          // Firefox needs a stable add-on id for storage.sync and for signing; 140 is the ESR line that has every
          // API used here (CSS Custom Highlight API, caretPositionFromPoint with shadow roots).
          browser_specific_settings: { gecko: { id: 'backstory@backstory-news.org', strict_min_version: '140.0' } },
        }
      : {}),
  }),
  // BACKSTORY_UNMINIFIED=1 keeps function names, so that `BENCH_BREAKDOWN` in `npm run bench:page` can say where the
  // time goes.
  vite: () => ({
    plugins: [preact()],
    // Every `import { browser } from 'wxt/browser'`, ours and WXT's own, gets webextension-polyfill through
    // `src/platform/browser.ts`, which takes it without the bundler's copy of the exports (see that file).
    resolve: { alias: { 'wxt/browser': resolve(import.meta.dirname, 'src/platform/browser.ts') } },
    ...(process.env.BACKSTORY_UNMINIFIED ? { build: { minify: false } } : {}),
  }),
});
