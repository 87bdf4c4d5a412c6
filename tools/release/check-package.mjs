#!/usr/bin/env node
/**
 * The release gate of one public package, run from its directory by its `test` script (after
 * the build): packs it exactly as `pnpm publish` would, checks the tarball (tarball.mjs), then
 * runs `publint --strict` and `attw` (are-the-types-wrong, node16 profile) on that tarball, so
 * both judge the published manifest rather than the workspace's.
 *
 *   node ../../tools/release/check-package.mjs
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatBytes, inspectTarball, packPackage, summary, workspaceRoot } from './tarball.mjs';

const packageDir = process.cwd();
const destination = mkdtempSync(path.join(tmpdir(), 'authkit-pack-'));
try {
  const tarball = packPackage(packageDir, destination);
  const { files, problems } = inspectTarball(tarball, packageDir);
  console.log(summary(tarball, files));
  for (const file of files) console.log(`  ${file.path.padEnd(40)} ${formatBytes(file.size).padStart(9)}`);
  if (problems.length > 0) {
    console.error(`\n${path.basename(tarball)}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    process.exitCode = 1;
  } else {
    const bin = (name) => path.join(workspaceRoot, 'node_modules/.bin', name);
    execFileSync(bin('publint'), ['--strict', tarball], { stdio: 'inherit' });
    execFileSync(bin('attw'), [tarball, '--profile', 'node16'], { stdio: 'inherit' });
  }
} catch (error) {
  // publint / attw already printed why.
  if (typeof error.status !== 'number') throw error;
  process.exitCode = error.status || 1;
} finally {
  rmSync(destination, { recursive: true, force: true });
}
