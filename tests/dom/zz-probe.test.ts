import { it } from 'vitest';
import { compileMatcher } from '../../src/match/matcher';
import { scanPage } from '../../src/match/scan-page';
import { blockRange, collectTextBlocks } from '../../src/page/text-blocks';
import { TEST_ALIASES } from '../unit/engine-fixtures';
const matcher = compileMatcher(TEST_ALIASES);
it('probe', () => {
  for (const html of ['<p>Shehbaz <span hidden>zz</span>Sharif</p>', '<p>Marco <span contenteditable="true">Antonio </span>Rubio</p>', '<p>Marco <b aria-hidden="true">★ </b>Rubio</p>', '<p>Shehbaz <script>x</script>Sharif</p>', '<p>Jammu <span hidden>x</span>and Kashmir</p>']) {
    document.body.innerHTML = html;
    const blocks = collectTextBlocks(document.body);
    const { mentions } = scanPage(matcher, blocks.map((b) => b.text));
    console.log(html, JSON.stringify(blocks.map((b) => b.text)), mentions.map((m) => [m.surface, blockRange(blocks[m.block], m.start, m.end).toString()]));
  }
});
