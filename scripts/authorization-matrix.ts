/**
 * Rewrites docs/authorization-matrix.md from the access declarations of the route table:
 * `npx tsx scripts/authorization-matrix.ts`. server/authorization-matrix.test.ts fails while the
 * file differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { renderMatrixMarkdown } from '../server/test-support/authorization-matrix';

const target = new URL('../docs/authorization-matrix.md', import.meta.url);
writeFileSync(target, renderMatrixMarkdown());
console.log(`wrote ${target.pathname}`);
