/**
 * No eval and no remote code: everything the extension runs is in its package, and nothing is made from strings.
 * The options page, where packs are validated, is also watched for Content Security Policy violations while a pack is
 * imported (`popup-and-options.test.ts`); this checks the built package itself.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, inject, it } from 'vitest';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const root = () => inject('extensionDir');
const scripts = () => filesUnder(root()).filter((f) => f.endsWith('.js'));

it('has no eval, no string timers, and no code loaded from elsewhere in any script it ships', () => {
  expect(scripts().length).toBeGreaterThanOrEqual(4);
  const found: string[] = [];
  for (const file of scripts()) {
    const source = readFileSync(file, 'utf8');
    const where = relative(root(), file);
    for (const [what, pattern] of [
      ['eval', /(?<![\w$.])eval\s*\(/],
      ['a string timer', /set(?:Timeout|Interval)\s*\(\s*["'`]/],
      ['importScripts', /importScripts\s*\(/],
      ['a remote import', /import\s*\(\s*["'`](?:https?:)?\/\//],
      ['a script element', /createElement\s*\(\s*["'`]script["'`]\s*\)/],
    ] as const) {
      if (pattern.test(source)) found.push(`${where}: ${what}`);
    }
  }
  expect(found).toEqual([]);
});

it('loads only its own scripts in its pages, and keeps the default Content Security Policy', () => {
  for (const page of filesUnder(root()).filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(page, 'utf8');
    const sources = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length, relative(root(), page)).toBeGreaterThan(0);
    for (const src of sources) expect(src, relative(root(), page)).toMatch(/^\/[\w./-]+\.js$/);
  }
  const manifest = JSON.parse(readFileSync(join(root(), 'manifest.json'), 'utf8'));
  // Manifest V3's default policy allows only the package's own scripts, and no eval.
  expect(manifest.content_security_policy).toBeUndefined();
  expect(manifest.externally_connectable).toBeUndefined();
  expect(manifest.web_accessible_resources).toBeUndefined();
});
