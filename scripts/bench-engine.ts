/**
 * `npm run bench`: the text engine's throughput on a large generated text with the whole knowledge base, next to a
 * baseline run in the same process: one RegExp alternation of every alias.
 *
 * The baseline that the ratio uses is the like-for-like one: whole words by Unicode letters and digits (JavaScript's
 * `\b` only knows ASCII, so it would match "Sharif" inside "Sharīfa" and miss "Shahbāz") and case-insensitive (the
 * engine folds case, then checks each alias's case rule). The ASCII `\b` alternation is printed too, for reference.
 * Every figure is the best of several runs after a warm-up, to keep other processes' noise out.
 *
 * Then a live page's update: the same text scanned again with one block added at the top, whole (as before session
 * 12) and by its new block only (`scanBlocks` reusing the scans of the request before, which the page refers to).
 */
import { bundledKnowledgeBase } from '../src/kb/knowledge-base';
import { aliasSpecs, cueSpecs } from '../src/kb/match-index';
import { compileMatcher } from '../src/match/matcher';
import { judgePage, scanBlocks, scanPage } from '../src/match/scan-page';

const TEXT_BYTES = Number(process.env.BENCH_BYTES ?? 8_000_000);
/** One name in this many words: about what a news article on the crisis carries. */
const WORDS_PER_NAME = 40;
const BLOCK_CHARS = 1_500;
const RUNS = 7;

// What the background compiles, once per start: every name form and the packs' cue words.
const specs = [...aliasSpecs(bundledKnowledgeBase()), ...cueSpecs(bundledKnowledgeBase())];
const compileStart = performance.now();
const matcher = compileMatcher(specs);
const compileMs = performance.now() - compileStart;

// Filler from a fixed vocabulary of news prose, with punctuation, possessives and non-ASCII characters.
const filler = (
  'the government said on Tuesday that talks would continue despite tensions along the border, and officials met ' +
  'in the capital while analysts warned of further escalation in the coming weeks; residents’ accounts differed — ' +
  'some described “heavy shelling” overnight, others a quiet night. The ministry’s statement was brief. café naïve'
).split(' ');
const names = specs.filter((s) => !s.cue).map((s) => s.text);
const words: string[] = [];
let size = 0;
for (let i = 0; size < TEXT_BYTES; i++) {
  const word = i % WORDS_PER_NAME === 0 ? names[(i / WORDS_PER_NAME) % names.length] : filler[i % filler.length];
  words.push(word);
  size += word.length + 1;
}
const text = words.join(' ');
const blocks: string[] = [];
for (let at = 0; at < text.length; at += BLOCK_CHARS) blocks.push(text.slice(at, at + BLOCK_CHARS));
const megabytes = text.length / 1e6;

function fastestRun(run: () => number): { ms: number; result: number } {
  run(); // warm-up: let the JIT compile the hot loops
  let fastest = Infinity;
  let result = 0;
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    result = run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return { ms: fastest, result };
}

function best(label: string, run: () => number): { label: string; mbPerS: number; result: number } {
  const { ms, result } = fastestRun(run);
  return { label, mbPerS: megabytes / (ms / 1000), result };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = [...new Set(names)].sort((a, b) => b.length - a.length).map(escape).join('|');
const unicodeRegex = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation})(?![\\p{L}\\p{N}])`, 'giu');
const asciiRegex = new RegExp(`\\b(?:${alternation})\\b`, 'g');
const countMatches = (re: RegExp) => () => blocks.reduce((n, b) => n + [...b.matchAll(re)].length, 0);

const engine = best('engine: full scan (match + context)', () => scanPage(matcher, blocks).mentions.length);
const candidates = best('engine: matching only', () => blocks.reduce((n, b, i) => n + matcher.findCandidates(b, i).length, 0));
const baseline = best('baseline: RegExp, Unicode words, case-insensitive', countMatches(unicodeRegex));
const asciiBaseline = best('reference: RegExp, ASCII \\b, case-sensitive', countMatches(asciiRegex));

console.log(`text: ${megabytes.toFixed(1)} MB in ${blocks.length} blocks, one name per ${WORDS_PER_NAME} words; ${specs.length} aliases of ${bundledKnowledgeBase().entities.size} entities`);
console.log(`compile: ${compileMs.toFixed(1)} ms (cold; the background does it once); compiled matcher tables: ${(matcher.byteSize / 1024).toFixed(0)} KiB`);
for (const r of [engine, candidates, baseline, asciiBaseline]) {
  console.log(`${r.label.padEnd(52)} ${r.mbPerS.toFixed(1).padStart(7)} MB/s  (${r.result} matches)`);
}
console.log(`ratio engine / baseline: ${(engine.mbPerS / baseline.mbPerS).toFixed(2)}×   (matching only: ${(candidates.mbPerS / baseline.mbPerS).toFixed(2)}×; engine / ASCII reference: ${(engine.mbPerS / asciiBaseline.mbPerS).toFixed(2)}×)`);

// A live update: a new block at the top, every other block sent as a reference to its place in the request before.
const earlier = scanBlocks(matcher, blocks);
const updated = [`Update: ${names[0]} spoke again.`, ...blocks];
const origins = Int32Array.from(updated, (_, i) => i - 1);
const whole = fastestRun(() => scanPage(matcher, updated).mentions.length);
const byNewBlock = fastestRun(() => judgePage(updated, scanBlocks(matcher, updated, { origins, scans: earlier })).mentions.length);
if (whole.result !== byNewBlock.result) throw new Error(`the update's scans disagree: ${whole.result} against ${byNewBlock.result} mentions`);
console.log(`a live update (one block added to the ${megabytes.toFixed(1)} MB): scanned whole ${whole.ms.toFixed(1)} ms, by its new block ${byNewBlock.ms.toFixed(1)} ms (${(whole.ms / byNewBlock.ms).toFixed(1)}× less; ${byNewBlock.result} mentions either way)`);
