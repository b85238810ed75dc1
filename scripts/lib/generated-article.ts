/**
 * Long articles generated from the demo article, for the page benchmarks: its paragraphs, one in four, between
 * paragraphs of prose that name nobody.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const DEMO_ARTICLE = 'demo-us-urges-restraint.html';

/**
 * Paragraphs of prose that name nobody, written for this benchmark: with them, a generated article carries about
 * one name in 60 words, as long reports and transcripts do, instead of the demo article's one in 15.
 */
const FILLER = [
  'Officials spent the morning in closed meetings, and the afternoon brought only a short written statement that repeated earlier positions without adding detail.',
  'Shopkeepers in the old market said trade had slowed over the week, with fewer visitors than usual and deliveries arriving late because of checks on the main road.',
  'Analysts cautioned that the coming days would depend on decisions taken far from the border, and that public statements often lag behind private conversations.',
  'Schools reopened after a brief closure; parents described the disruption as tiring but manageable, and teachers said attendance was returning to normal.',
  'The weather stayed dry, which local farmers welcomed after a late spring, though several said the uncertainty made it hard to plan the next planting.',
];

export function generatedArticle(bytes: number): string {
  const demo = readFileSync(resolve(ROOT, 'tests/fixtures/articles', DEMO_ARTICLE), 'utf8');
  const paragraphs = [...demo.matchAll(/<p>[\s\S]*?<\/p>/g)].map((m) => m[0]);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    // One paragraph from the demo article, then three that name nobody.
    const p = i % 4 === 0 ? paragraphs[(i / 4) % paragraphs.length] : `<p>${FILLER[i % FILLER.length]} ${FILLER[(i + 2) % FILLER.length]}</p>`;
    parts.push(i % 48 === 0 ? `<h2>Update ${i / 48 + 1}</h2>\n${p}` : p);
    size += p.length + 1;
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Generated ${(bytes / 1e6).toFixed(0)} MB article</title>
<meta property="article:published_time" content="2025-05-01T08:30:00+05:30">
<style>body{font:18px/1.6 Georgia,serif;max-width:46rem;margin:0 auto;padding:1rem}</style></head>
<body><main><article><h1>A very long live page</h1>
${parts.join('\n')}
</article></main></body></html>`;
}

