/**
 * Builds the extension for the tests, as a reader installs it. Vitest runs with NODE_ENV=test, which a child build
 * would inherit: Preact's JSX would then compile in development mode, with each element's source file and line in
 * the bundle, which makes the content script larger (and its size depend on where the project is checked out).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export function buildExtension(root: string, browser: 'chrome' | 'firefox' = 'chrome'): void {
  const args = [resolve(root, 'node_modules/wxt/bin/wxt.mjs'), 'build', ...(browser === 'chrome' ? [] : ['-b', browser])];
  execFileSync(process.execPath, args, { cwd: root, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
}
