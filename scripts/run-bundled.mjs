/**
 * Bundles a TypeScript entry with Vite, as the extension build bundles its code, and runs it in plain Node.
 * Benchmarks use it: a module runner (vite-node) reaches every import through a getter, which slows hot loops
 * several times over and would measure the runner instead of the code the extension ships.
 *   node scripts/run-bundled.mjs scripts/bench-engine.ts [args…]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-bundled.mjs ENTRY.ts [args…]');
  process.exit(2);
}
const outDir = mkdtempSync(join(tmpdir(), 'backstory-bundle-'));
const fileName = `${basename(entry).replace(/\.[cm]?tsx?$/, '')}.mjs`;
try {
  await build({
    configFile: false,
    logLevel: 'error',
    root: resolve(import.meta.dirname, '..'),
    build: {
      ssr: resolve(entry),
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: fileName } },
    },
  });
  process.argv = [process.argv[0], resolve(entry), ...rest];
  if (process.env.KEEP_BUNDLE) console.log('bundle kept at', join(outDir, fileName));
  await import(pathToFileURL(join(outDir, fileName)).href);
} finally {
  if (!process.env.KEEP_BUNDLE) rmSync(outDir, { recursive: true, force: true });
}
