/**
 * The seed article (third-party text in ../shared/seed, read at test time and never copied into the project),
 * turned into a plain news page: short lines without a full stop become subheads, the rest paragraphs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED_DIR = process.env.BACKSTORY_SHARED_DIR ?? resolve(import.meta.dirname, '../../../shared');

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function seedArticleHtml(): string {
  const dir = resolve(SHARED_DIR, 'seed');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  } catch {
    throw new Error(`The seed article is read from ${dir}, which does not exist. Set BACKSTORY_SHARED_DIR to the shared folder.`);
  }
  if (!files.length) throw new Error(`No seed article (*.txt) in ${dir}`);
  const lines = readFileSync(resolve(dir, files[0]), 'utf8').split(/\n+/).map((l) => l.trim()).filter(Boolean);
  const body = lines
    .map((line) => (line.length < 80 && !/[.”"]$/.test(line) ? `<h2>${escapeHtml(line)}</h2>` : `<p>${escapeHtml(line)}</p>`))
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Seed article</title></head>
<body><main><article><h1>US asks India and Pakistan to de-escalate</h1>
${body}
</article></main></body></html>`;
}
