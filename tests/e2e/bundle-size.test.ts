import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, inject, it } from 'vitest';
import { CONTENT_SCRIPT_BUDGET_BYTES } from '../../src/timing';

it('keeps the content script within its size budget (the knowledge base stays out of it)', () => {
  const bytes = statSync(resolve(inject('extensionDir'), 'content-scripts/content.js')).size;
  expect(bytes).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET_BYTES);
});
