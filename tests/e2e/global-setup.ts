/**
 * Runs once before the browser tests: finds Chromium (a missing browser fails the run with instructions, it is
 * never a silent skip) and builds the extension the tests load.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildExtension } from '../../scripts/lib/build-extension';
import { findChromium } from '../../scripts/lib/find-chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    chromiumPath: string;
    extensionDir: string;
  }
}

export default function setup(project: TestProject): void {
  const chromiumPath = findChromium();
  const root = resolve(import.meta.dirname, '../..');
  const extensionDir = resolve(root, '.output/chrome-mv3');
  // BACKSTORY_E2E_SKIP_BUILD=1 reuses an existing build (for quick reruns while editing tests).
  if (process.env.BACKSTORY_E2E_SKIP_BUILD !== '1' || !existsSync(extensionDir)) {
    buildExtension(root);
  }
  if (!existsSync(resolve(extensionDir, 'manifest.json'))) throw new Error(`The build did not produce ${extensionDir}/manifest.json`);
  project.provide('chromiumPath', chromiumPath);
  project.provide('extensionDir', extensionDir);
}
