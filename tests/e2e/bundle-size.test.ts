import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, inject, it } from 'vitest';
import { CONTENT_SCRIPT_BUDGET_BYTES } from '../../src/timing';

const contentScript = () => resolve(inject('extensionDir'), 'content-scripts/content.js');

it('keeps the content script within its size budget (the knowledge base stays out of it)', () => {
  expect(statSync(contentScript()).size).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_BYTES);
});

it('leaves the engine out of the content script: pages send their text to the background instead', () => {
  const source = readFileSync(contentScript(), 'utf8');
  // Strings that only the matcher and the page-level judgement hold (minifiers keep string literals).
  expect(source).not.toContain('must start and end with a letter or digit');
  expect(source).not.toContain('named in full');
  const background = readFileSync(resolve(inject('extensionDir'), 'background.js'), 'utf8');
  expect(background).toContain('must start and end with a letter or digit');
  expect(background).toContain('named in full');
});
