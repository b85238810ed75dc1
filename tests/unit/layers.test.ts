/**
 * The layers of docs/architecture.md, checked against the imports as they stand: each file under `src/` may import
 * only from the layers its own may, so the diagram stays true and the engine stays free of the DOM and the browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** For each layer, the places under `src/` it may import from (a folder, a file without extension), and packages. */
const ALLOWED: Record<string, { local: string[]; packages: string[] }> = {
  match: { local: ['match/'], packages: [] },
  kb: { local: ['kb/', 'match/', 'timing'], packages: ['zod', 'wxt/utils/storage'] },
  messaging: { local: ['messaging/', 'match/types', 'timing'], packages: [] },
  settings: { local: ['settings/', 'kb/entity-types', 'timing'], packages: ['wxt/utils/storage', 'wxt/browser'] },
  platform: { local: ['platform/'], packages: ['wxt/browser', 'wxt/utils/content-script-context'] },
  ui: { local: ['ui/', 'kb/', 'messaging/', 'settings/', 'timing'], packages: ['preact', 'preact/hooks', '@floating-ui/dom'] },
  page: { local: ['page/', 'match/', 'kb/', 'ui/', 'messaging/', 'settings/', 'timing'], packages: [] },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/** Every module a file imports (static imports, re-exports and dynamic imports), as written. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
}

describe('the layers of src/', () => {
  const files = sourceFiles(SRC).filter((file) => !file.endsWith('timing.ts'));

  it('finds the files of every layer', () => {
    const layers = new Set(files.map((file) => relative(SRC, file).split('/')[0]));
    expect([...layers].sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it('has each file import only what its layer may', () => {
    const breaches: string[] = [];
    for (const file of files) {
      const from = relative(SRC, file);
      const rules = ALLOWED[from.split('/')[0]];
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith('.')) {
          const target = relative(SRC, resolve(dirname(file), specifier)).replace(/\.(ts|tsx|css|json)$/, '');
          // JSON packs and CSS are data of the layer that holds them.
          if (target.startsWith('..') || !rules.local.some((allowed) => target === allowed || target.startsWith(allowed))) breaches.push(`${from} → ${target}`);
        } else if (!rules.packages.includes(specifier)) {
          breaches.push(`${from} → package ${specifier}`);
        }
      }
    }
    expect(breaches).toEqual([]);
  });

  it('reads a file’s imports', () => {
    // The engine's page scan imports its siblings only: the reading the rule above relies on finds them.
    const sample = join(SRC, 'match/scan-page.ts');
    expect(importsOf(sample).length).toBeGreaterThan(0);
    expect(importsOf(sample).every((specifier) => specifier.startsWith('./'))).toBe(true);
  });
});
