#!/usr/bin/env node
/**
 * Fast half of the consumer test (its `test` target): every README block marked
 * `<!-- consumer-test: … -->` equals its template, and the Planday path's line counts.
 * The slow half, `e2e` (run.mjs), installs, type-checks and runs the apps.
 * `--write` first copies each template's code into the README blocks that show it.
 */
import { compareReadmes, plandayLineCounts, writeReadmes } from './readme-blocks.mjs';

// `--write`: copy the templates' code into the README blocks (after editing a template).
if (process.argv.includes('--write')) writeReadmes();
const problems = compareReadmes();
if (problems.length > 0) {
  console.error(`README blocks that differ from tools/consumer-test/templates:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('README blocks equal the consumer templates.');
console.log('Lines of user code to connect Planday and make one call (goal ≤ 15):');
for (const [app, { code, form }] of Object.entries(plandayLineCounts())) {
  console.log(`  ${app.padEnd(8)} ${String(code).padStart(2)}${form > 0 ? ` + a ${form}-line paste form` : ''}`);
  if (code > 15) problems.push(app);
}
if (problems.length > 0) {
  console.error(`over 15 lines: ${problems.join(', ')}`);
  process.exit(1);
}
