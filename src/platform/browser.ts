/**
 * The extension API for every entrypoint, as `wxt/browser` (aliased here in `wxt.config.ts`): webextension-polyfill,
 * which gives Chrome Firefox's promise-based `browser` where Chrome lacks it and is the native object elsewhere.
 *
 * Taken with `require` rather than imported: the bundler turns an ES import of this CommonJS package into a copy of
 * the exported object, and reading each property to copy it builds every API namespace the browser exposes (Chrome
 * now has a native `browser`, which the polyfill hands back as it is). Profiled, that copy cost each page 1 ms of
 * main thread while our content script loaded, for namespaces it never uses.
 */
import type { WxtBrowser } from 'wxt/browser';

declare const require: (id: 'webextension-polyfill') => WxtBrowser;

export const browser: WxtBrowser = require('webextension-polyfill');
