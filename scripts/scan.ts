/**
 * `npm run scan -- FILE.html [--json] [--explain] [--all]`: the extension's text collection and engine, run on an
 * HTML file in Node. Prints the mentions; `--explain` also prints every candidate kept or dropped, with the reason;
 * `--all` reads site chrome (navigation, sidebars, footers) too.
 */
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { bundledKnowledgeBase } from '../src/kb/knowledge-base';
import { compileIndex } from '../src/kb/match-index';
import { scanPage } from '../src/match/scan-page';
import { collectTextBlocks } from '../src/page/text-blocks';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run scan -- FILE.html [--json] [--explain] [--all]');
  process.exit(2);
}

const window = new Window({ url: 'http://localhost/' });
window.document.write(readFileSync(file, 'utf8'));
const blocks = collectTextBlocks(window.document.body as unknown as Element, { skipChrome: !args.includes('--all') });
const kb = bundledKnowledgeBase();
// The same match index the extension's background sends to pages: names and the packs' cue words.
const result = scanPage(compileIndex(kb).matcher, blocks.map((b) => b.text), { explain: args.includes('--explain') });

const counts = new Map<string, { name: string; count: number; surfaces: Set<string> }>();
for (const m of result.mentions) {
  const entry = counts.get(m.entityId) ?? { name: kb.entities.get(m.entityId)?.name ?? m.entityId, count: 0, surfaces: new Set<string>() };
  entry.count++;
  entry.surfaces.add(m.surface);
  counts.set(m.entityId, entry);
}

if (args.includes('--json')) {
  const mentions = [...counts].map(([id, e]) => ({ id, name: e.name, count: e.count, surfaces: [...e.surfaces] }));
  console.log(JSON.stringify({ inDomain: result.inDomain, mentions, ...(args.includes('--explain') ? { decisions: result.decisions } : {}) }, null, 2));
} else {
  console.log(`${file}: ${result.mentions.length} mentions of ${counts.size} entities (page ${result.inDomain ? 'is' : 'is not'} about the domain)`);
  for (const [id, e] of counts) console.log(`  ${String(e.count).padStart(3)}  ${id}  [${[...e.surfaces].join(' | ')}]`);
  if (args.includes('--explain')) {
    console.log('\ndecisions:');
    for (const d of result.decisions) {
      const context = blocks[d.block].text.slice(Math.max(0, d.start - 30), d.end + 30).replace(/\s+/g, ' ');
      console.log(`  ${d.kept ? 'KEEP' : 'DROP'}  "${d.surface}" → ${d.kept ?? d.candidates.join('|')}: ${d.reason}\n        …${context}…`);
    }
  }
}
await window.happyDOM.close();
